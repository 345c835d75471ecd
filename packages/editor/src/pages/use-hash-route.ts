/**
 * The app's routes live in the URL hash (`#/editor`, `#/board`, `#/control`), so the server only
 * serves static files.
 */
import { useEffect, useState } from "react";

/** The app's pages. */
export type Route = "editor" | "board" | "control";

/** The route of a hash; anything unknown is the editor. */
export function routeOf(hash: string): Route {
  const path = hash.replace(/^#\/?/, "").split(/[?&/]/)[0];
  return path === "board" || path === "control" ? path : "editor";
}

/** The current route, following hash changes. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
