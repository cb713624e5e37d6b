/**
 * Tenants: {@link io.messagedriven.application.tenant.CreateTenant} creates one with a unique slug, {@link io.messagedriven.application.tenant.TenantQueries} reads the directory by id or slug.
 */
package io.messagedriven.application.tenant;
