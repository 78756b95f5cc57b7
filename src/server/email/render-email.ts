import type { EmailContent } from "./email-template";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const PRODUCT = "Clinicall";

/** Text and HTML of one email from its content; the HTML escapes every value it is given. */
export function renderEmail(content: EmailContent, language: string): RenderedEmail {
  const subject = oneLine(content.subject);
  const text = [
    content.greeting,
    ...content.paragraphs,
    content.action ? `${content.action.label}:\n${content.action.url}` : undefined,
    content.footnote,
    `— ${PRODUCT}`,
  ]
    .filter((part): part is string => Boolean(part))
    .join("\n\n");
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#0f766e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:13px;color:#555">${escapeHtml(content.action.url)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#18181b">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
${content.greeting ? `<p>${escapeHtml(content.greeting)}</p>\n` : ""}${content.paragraphs.map((p) => `<p style="line-height:1.5">${escapeHtml(p)}</p>`).join("\n")}
${button}
${content.footnote ? `<p style="font-size:13px;color:#555">${escapeHtml(content.footnote)}</p>` : ""}
<p style="font-size:13px;color:#555">— ${PRODUCT}</p>
</div></body></html>`;
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** A header value: no line breaks (header injection), at most 200 characters. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\0]+/g, " ").slice(0, 200);
}
