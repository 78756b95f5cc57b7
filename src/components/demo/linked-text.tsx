import { Fragment, type ReactNode } from "react";

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * Plain text with its http(s) addresses as links (a caught email's text part): everything else
 * stays text, so nothing in an email can inject markup. Trailing punctuation is not part of a link.
 */
export function LinkedText({ text }: { text: string }) {
  const pieces: ReactNode[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const trailing = /[.,;:!?)\]]+$/.exec(match[0])?.[0] ?? "";
    const href = trailing ? match[0].slice(0, -trailing.length) : match[0];
    if (start > at) pieces.push(<Fragment key={`t${at}`}>{text.slice(at, start)}</Fragment>);
    pieces.push(
      <a key={`a${start}`} href={href} className="font-medium break-all text-brand-700 underline">
        {href}
      </a>,
    );
    at = start + href.length;
  }
  if (at < text.length) pieces.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return <>{pieces}</>;
}
