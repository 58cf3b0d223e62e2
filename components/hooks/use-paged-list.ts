"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, redirectToLogin, type ApiResult } from "@/lib/web/api-client";
import type { Page } from "@/lib/web/types";
import type { Paging } from "@/components/ui/paged-table";

const PAGE_SIZE = 50;
const MAX_LIMIT = 100; // contracts.md: limit ≤ 100

type UrlFn = (cursor: string | null, limit: number) => string;

type Options<P> = {
  /** Called with every page that arrives (first or more), e.g. to collect filter options from the rows seen. */
  onPage?: (page: P) => void;
};

type State<T, P> = {
  /** the query these rows belong to; differs from the current one while it loads */
  forUrl: UrlFn | null;
  rows: T[];
  /** the last first-page response, for extras like the ops board's counts */
  head: P | null;
  cursor: string | null;
  error: string | null;
};

/**
 * A cursor-paged list that can be refreshed in place. `url(cursor, limit)`
 * builds the request; a new `url` function (new filters) starts over. Only the
 * newest request may write state, so a slow old answer never overwrites a
 * fresher one. `paging` is what <PagedTable> needs for its footer.
 */
export function usePagedList<T, P extends Page<T> = Page<T>>(url: UrlFn, opts: Options<P> = {}) {
  const [state, setState] = useState<State<T, P>>({ forUrl: null, rows: [], head: null, cursor: null, error: null });
  const [moreLoading, setMoreLoading] = useState(false);
  const seq = useRef(0);
  // a ref, so a new callback each render does not refetch
  const onPageRef = useRef(opts.onPage);
  useEffect(() => {
    onPageRef.current = opts.onPage;
  });

  const fetchPage = useCallback(
    (after: string | null, limit: number) => {
      const mine = ++seq.current;
      return apiFetch<P>(url(after, limit)).then((res: ApiResult<P>) => {
        if (mine !== seq.current) return;
        setMoreLoading(false);
        if (!res.ok) {
          if (res.status === 401) return redirectToLogin();
          setState((s) => ({ ...s, forUrl: url, error: res.error.message }));
          return;
        }
        const page = res.data;
        onPageRef.current?.(page);
        setState((s) => ({
          forUrl: url,
          rows: after ? [...s.rows, ...page.data] : page.data,
          head: after ? s.head : page,
          cursor: page.nextCursor,
          error: null,
        }));
      });
    },
    [url],
  );

  useEffect(() => {
    void fetchPage(null, PAGE_SIZE);
  }, [fetchPage]);

  const loadMore = () => {
    if (!state.cursor) return;
    setMoreLoading(true);
    void fetchPage(state.cursor, PAGE_SIZE);
  };

  /** Refetch what is on screen (live updates): as many rows as are shown, up to the API's limit. */
  const rowCount = state.rows.length;
  const refresh = useCallback(() => {
    void fetchPage(null, Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, rowCount)));
  }, [fetchPage, rowCount]);

  const paging: Paging = { hasMore: state.cursor !== null, onLoadMore: loadMore };

  return {
    rows: state.rows,
    head: state.head,
    cursor: state.cursor,
    error: state.error,
    loading: state.forUrl !== url || moreLoading,
    loadMore,
    refresh,
    paging,
  };
}
