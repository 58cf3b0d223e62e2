import { Fragment, type HTMLAttributes, type ReactNode } from "react";
import { Alert, ScrollX, btn, td, th } from "./ui";

/** A header cell: what every column has, whether its cells come from `cell` or from `renderRow`. */
export type ColumnHeader = {
  /** React key of the header and of the column's cells. */
  id: string;
  header: ReactNode;
  /** Numbers: header and cells align right. */
  align?: "right";
  /** The header's tooltip. */
  title?: string;
};

export type Column<T> = ColumnHeader & {
  cell: (row: T) => ReactNode;
  /** Classes added to the cell (after `td`), fixed or per row. */
  className?: string | ((row: T) => string);
  /** data-testid of the column's cells. */
  testId?: string;
  /** Each cell's tooltip. */
  cellTitle?: (row: T) => string | undefined;
};

/** What a row's <tr> may carry besides its cells: data attributes for tests, a click, a tone (added to the row border). */
export type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string | number | boolean | undefined };

/** Cursor paging ("Load more"), as usePagedList provides it. */
export type Paging = {
  hasMore: boolean;
  onLoadMore: () => void;
  /** Left of the footer; "N shown" by default. */
  summary?: ReactNode;
};

type Rows<T> =
  | {
      columns: Column<T>[];
      /** Attributes of each row's <tr>. */
      rowAttributes?: (row: T) => RowAttributes;
      renderRow?: undefined;
    }
  | {
      columns: ColumnHeader[];
      /** A row that owns state (the catalog's quantity box) renders its own <tr>. */
      renderRow: (row: T) => ReactNode;
      rowAttributes?: undefined;
    };

type Props<T> = Rows<T> & {
  /** data-testid of the <table>. */
  testId: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Shown under a row across the whole table when it returns something (an inline edit form). */
  detail?: (row: T) => ReactNode;
  /** Shown when there are no rows and nothing is loading or failed: usually an <EmptyState>. */
  empty: ReactNode;
  loading?: boolean;
  error?: string | null;
  /** Without it, no footer: the list is complete. */
  paging?: Paging;
  /** Classes added to the <table> ("text-sm" by default). */
  className?: string;
  /**
   * Below `md` the rows are cards: no header row, the table and its body laid out as blocks, so
   * each row (which then styles itself as a card, like the catalog's) uses the phone's width.
   */
  cardsOnPhones?: boolean;
};

/**
 * The one table of rows: a header from the columns, a row per item, the
 * list's error above it, an empty state when there is nothing to show, and a
 * footer with the count and "Load more" when the list is cursor-paged.
 */
export function PagedTable<T>(props: Props<T>) {
  const { testId, columns, rows, rowKey, detail, empty, loading = false, error = null, paging, className = "text-sm", cardsOnPhones = false } = props;
  const align = (c: ColumnHeader) => (c.align === "right" ? " text-right" : "");
  const extra = (c: Column<T>, row: T) => (typeof c.className === "function" ? c.className(row) : c.className);

  function row(r: T) {
    if (props.renderRow) return props.renderRow(r);
    const { className: tone, ...attrs } = props.rowAttributes?.(r) ?? {};
    return (
      <tr {...attrs} className={`border-t border-slate-100${tone ? ` ${tone}` : ""}`}>
        {props.columns.map((c) => (
          <td key={c.id} className={`${td}${align(c)}${extra(c, r) ? ` ${extra(c, r)}` : ""}`} data-testid={c.testId} title={c.cellTitle?.(r)}>
            {c.cell(r)}
          </td>
        ))}
      </tr>
    );
  }

  return (
    <>
      {error ? (
        <div className="p-4">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <ScrollX>
        <table className={`w-full ${cardsOnPhones ? "block md:table " : ""}${className}`} data-testid={testId}>
          <thead className={`bg-slate-50/80 text-left${cardsOnPhones ? " hidden md:table-header-group" : ""}`}>
            <tr>
              {columns.map((c) => (
                <th key={c.id} className={`${th}${align(c)}`} title={c.title}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className={cardsOnPhones ? "block md:table-row-group" : undefined}>
            {rows.map((r) => {
              const more = detail?.(r);
              return (
                <Fragment key={rowKey(r)}>
                  {row(r)}
                  {more ? (
                    <tr>
                      <td colSpan={columns.length} className="p-0">
                        {more}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </ScrollX>
      {!loading && !error && rows.length === 0 ? empty : null}
      {paging ? (
        <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500">
          {paging.summary ?? <span>{rows.length} shown</span>}
          {loading ? <span>Loading…</span> : null}
          {paging.hasMore && !loading ? (
            <button type="button" className={btn.secondary} onClick={paging.onLoadMore} data-testid="load-more">
              Load more
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
