"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button, type ButtonProps } from "./button";

/**
 * CopyButton: copies `value` to the clipboard and says "Copied" for two seconds (announced to
 * screen readers). Falls back to selecting a hidden textarea where the Clipboard API is absent.
 */
export interface CopyButtonProps extends Omit<ButtonProps, "onClick" | "children" | "value"> {
  value: string;
  /** Defaults to "Copy" / "Copied" in the reader's language. */
  label?: string;
  copiedLabel?: string;
}

export function CopyButton({ value, label, copiedLabel, size = "sm", ...props }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations();

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    setCopied(await writeToClipboard(value));
  }

  return (
    <Button size={size} onClick={copy} {...props}>
      {copied ? <Check className="text-brand-600" aria-hidden="true" /> : <Copy aria-hidden="true" />}
      <span aria-live="polite">{copied ? (copiedLabel ?? t("common.copied")) : (label ?? t("common.copy"))}</span>
    </Button>
  );
}

async function writeToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}
