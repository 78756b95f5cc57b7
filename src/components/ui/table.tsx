import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "@/lib/cn";

/**
 * Table: a plain semantic table with the dashboard's look; scrolls sideways on small screens.
 *   <Table aria-label="Members">
 *     <TableHeader><TableRow><TableHead>Email</TableHead></TableRow></TableHeader>
 *     <TableBody><TableRow><TableCell>...</TableCell></TableRow></TableBody>
 *   </Table>
 * Put it in <CardContent flush> for edge-to-edge rows.
 * Below the md breakpoint (phones) every table becomes a list of cards: the header row is left
 * to screen readers, and each row's cells flow and wrap inside its own block, so nothing
 * scrolls sideways or is cut off. Cells should read on their own (a badge, "By phone", a time).
 */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="relative w-full overflow-x-auto">
      <table className={cn("w-full border-collapse text-left text-sm max-md:block", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-y border-slate-200 bg-slate-50/80 max-md:sr-only", className)} {...props} />;
}

export function TableBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return (
    <tbody
      className={cn("divide-y divide-slate-100 text-slate-700 max-md:block max-md:border-t max-md:border-slate-200", className)}
      {...props}
    />
  );
}

export function TableRow({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return (
    <tr
      className={cn(
        "transition-colors hover:bg-slate-50/60 max-md:flex max-md:flex-wrap max-md:items-center max-md:gap-x-3 max-md:gap-y-1.5 max-md:px-5 max-md:py-3",
        className,
      )}
      {...props}
    />
  );
}

export function TableHead({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn(
        "h-9 px-5 text-xs font-medium tracking-wide whitespace-nowrap text-slate-500 uppercase first:pl-5 last:pr-5",
        className,
      )}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      className={cn("px-5 py-3 align-middle max-md:max-w-full max-md:p-0 max-md:text-left max-md:whitespace-normal", className)}
      {...props}
    />
  );
}
