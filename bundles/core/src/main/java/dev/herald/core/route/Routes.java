package dev.herald.core.route;

/** The current routes; the table changes as configurations change. */
public interface Routes {
    RouteTable table();
}
