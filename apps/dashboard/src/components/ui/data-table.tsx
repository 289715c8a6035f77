import type { HTMLAttributes, ReactNode } from 'react';

/** One column: its header and how a row fills its cell (`className` adds to the cell's padding, e.g. `font-mono text-xs`). */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  className?: string;
  title?: string;
}

/** `data-*` attributes and a class for a row (what the browser tests and the selected-row highlight use). */
export type RowProps = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;

const looks = {
  /** A page's main table, in its own bordered card (Helm releases, a release's history). */
  card: { table: 'min-w-full text-sm', head: 'bg-slate-50 text-left text-xs font-medium text-slate-500 uppercase dark:bg-slate-800/50', header: 'px-3 py-2', body: 'divide-y divide-slate-100 dark:divide-slate-800', cell: 'px-3 py-2' },
  /** A table inside a card of the object page (a Service's pods and endpoints): no frame of its own, tighter rows. */
  plain: { table: 'min-w-full', head: 'text-left text-xs text-slate-500 uppercase', header: 'py-1 pr-3 last:pr-0', body: '', cell: 'py-1 pr-3 last:pr-0' },
};

/**
 * The dashboard's plain tables: a header row and one row per item, each cell filled by its column. For
 * what varies (links, badges, buttons) the columns' `cell` renders it; the look is the card's or the plain one.
 */
export function DataTable<Row>({ columns, rows, rowKey, rowProps, look = 'card', testId }: { columns: Column<Row>[]; rows: Row[]; rowKey: (row: Row, index: number) => string; rowProps?: (row: Row) => RowProps; look?: keyof typeof looks; testId?: string }) {
  const style = looks[look];
  const table = (
    <table className={style.table} data-testid={testId}>
      <thead className={style.head}>
        <tr>
          {columns.map((column, index) => (
            <th key={index} className={style.header} title={column.title}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={style.body}>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)} {...rowProps?.(row)}>
            {columns.map((column, columnIndex) => (
              <td key={columnIndex} className={column.className ? `${style.cell} ${column.className}` : style.cell}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return look === 'card' ? <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">{table}</div> : table;
}

/** A link in the dashboard's link colour (the tables' name cells). */
export const linkClass = 'text-sky-700 hover:underline dark:text-sky-400';
