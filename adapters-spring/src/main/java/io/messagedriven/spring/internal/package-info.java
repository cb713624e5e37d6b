/** The starter's implementation: the Spring transaction bridge, the publisher's lifecycle and settings, health. */
package io.messagedriven.spring.internal;
