package io.messagedriven.admin.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that drives a headless Chromium ({@link Browser}): when Debian's {@code /usr/bin/chromium}
 * or {@code /usr/bin/chromedriver} is absent it is skipped with one line saying how to install
 * them, also printed to the build log; with {@code MESSAGE_DRIVEN_REQUIRE_SERVERS=true} (as CI
 * sets) it fails instead, as a test that needs a server does.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(BrowserCondition.class)
public @interface RequiresBrowser {}
