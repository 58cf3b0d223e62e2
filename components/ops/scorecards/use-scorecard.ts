"use client";
import { useEffect, useState } from "react";
import { apiFetch, redirectToLogin } from "@/lib/web/api-client";
import { SCORECARD_REFRESH_MS } from "./format";

/** GET a scorecard URL at once, again whenever it changes, and every 15 s while the page is open (live). */
export function useScorecard<T>(url: string) {
  const [state, setState] = useState<{ url: string | null; data: T | null; error: string | null }>({ url: null, data: null, error: null });
  useEffect(() => {
    let live = true;
    const load = () =>
      apiFetch<T>(url).then((res) => {
        if (!live) return;
        if (res.ok) setState({ url, data: res.data, error: null });
        else if (res.status === 401) redirectToLogin();
        else setState((s) => ({ ...s, url, error: res.error.message }));
      });
    void load();
    const t = setInterval(() => void load(), SCORECARD_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [url]);
  return { data: state.data, error: state.error, loading: state.url !== url };
}
