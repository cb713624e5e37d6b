package io.messagedriven.spring.internal;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.spring.EventRoute;
import io.messagedriven.spring.HandlesEvents;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ListableBeanFactory;

/** The router of the {@link HandlesEvents} and {@link EventRoute} beans of an application context. */
public final class HandlerRoutes {
  private HandlerRoutes() {}

  /**
   * An {@link EventRouter} with a route per pattern of each annotated {@link EventHandler} bean,
   * in bean-name order.
   *
   * @throws IllegalStateException if no bean is routed (naming what to do), or an annotation is
   *     on a bean that is not an {@link EventHandler}
   * @throws IllegalArgumentException naming a malformed pattern
   */
  public static EventRouter of(ListableBeanFactory beans) {
    EventRouter.Builder router = EventRouter.builder();
    Map<String, Object> annotated = new TreeMap<>(beans.getBeansWithAnnotation(HandlesEvents.class));
    Map<String, EventRoute> registered = new TreeMap<>(beans.getBeansOfType(EventRoute.class));
    if (annotated.isEmpty() && registered.isEmpty()) {
      throw new IllegalStateException("the message-driven publisher has no handler: annotate an EventHandler "
          + "bean with @HandlesEvents, define an EventRoute or EventRouter bean, or set "
          + "message-driven.publisher.enabled=false on an instance that only writes events");
    }
    annotated.forEach((name, bean) -> {
      if (!(bean instanceof EventHandler handler)) {
        throw new IllegalStateException("bean " + name + " has @HandlesEvents but is not an EventHandler, was "
            + bean.getClass().getName());
      }
      route(router, "@HandlesEvents of bean " + name, List.of(beans.findAnnotationOnBean(name, HandlesEvents.class).value()),
          handler);
    });
    registered.forEach((name, route) -> route(router, "EventRoute bean " + name, route.patterns(), route.handler()));
    return router.build();
  }

  private static void route(EventRouter.Builder router, String source, List<String> patterns, EventHandler handler) {
    for (String pattern : patterns) {
      try {
        router.route(pattern, handler);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }
  }
}
