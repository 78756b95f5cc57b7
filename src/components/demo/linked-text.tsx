import { Fragment } from "react";

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/**
 * Plain text with its http(s) addresses as links (a caught email's text part): everything else
 * stays text, so nothing in an email can inject markup. Trailing punctuation is not part of a link.
 */
export function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, index) => {
        if (index % 2 === 0) return <Fragment key={index}>{part}</Fragment>;
        const trailing = /[.,;:!?)\]]+$/.exec(part)?.[0] ?? "";
        const href = trailing ? part.slice(0, -trailing.length) : part;
        return (
          <Fragment key={index}>
            <a href={href} className="font-medium break-all text-brand-700 underline">
              {href}
            </a>
            {trailing}
          </Fragment>
        );
      })}
    </>
  );
}
