import { Fragment, type ReactNode } from 'react';

export interface Column<T> {
  /** The column's heading; read by screen readers only when `hiddenHeader` (e.g. a column of actions). */
  header: string;
  hiddenHeader?: boolean;
  /** A class for the column's cells. */
  className?: string;
  cell(row: T): ReactNode;
}

/** The last column of a list: a row's buttons, under a heading only screen readers read. */
export function actionsColumn<T>(cell: (row: T) => ReactNode): Column<T> {
  return { header: 'Actions', hiddenHeader: true, className: 'row-actions', cell };
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey(row: T): string;
  /** The table's accessible name, where the page has more than one. */
  label?: string;
  className?: string;
  /** A full-width row under a row (its history, its details), or null for none. */
  detail?(row: T): ReactNode;
  detailClassName?: string;
}

/** A list page's table: a heading per column, a row per item, and a detail row under an item where it has one. */
export function DataTable<T>({ rows, columns, rowKey, label, className, detail, detailClassName }: DataTableProps<T>) {
  return (
    <table className={className} aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.hiddenHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const more = detail?.(row);
          return (
            <Fragment key={rowKey(row)}>
              <tr>
                {columns.map((column) => (
                  <td key={column.header} className={column.className}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
              {more !== undefined && more !== null && more !== false && (
                <tr className={detailClassName}>
                  <td colSpan={columns.length}>{more}</td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
