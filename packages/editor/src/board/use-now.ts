/**
 * The current time as React state, re-read on an interval: what time-in-stage and overdue marks
 * are computed against, so they age while the page stays open.
 */
import { useEffect, useState } from "react";

/** The current time, re-read every `everyMs`. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
