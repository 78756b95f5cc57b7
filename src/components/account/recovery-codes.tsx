"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The ten recovery codes, shown this once (only their hashes are kept): copy them all, or
 * download them as a text file, then say they are saved.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations();
  const text = `${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "clinicall-recovery-codes.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-3">
      <Alert variant="success" title={<span id="recovery-codes-title">{t("account.recovery.title")}</span>}>
        {t("account.recovery.body")}
      </Alert>
      <ol
        aria-label={t("account.recovery.listLabel")}
        className="grid grid-cols-2 gap-x-6 gap-y-1.5 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900 sm:max-w-md"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <CopyButton value={text} label={t("account.recovery.copy")} />
        <Button size="sm" onClick={download}>
          <Download aria-hidden="true" />
          {t("account.recovery.download")}
        </Button>
        <Button size="sm" variant="primary" onClick={onDone} className="ml-auto">
          {t("account.recovery.done")}
        </Button>
      </div>
    </section>
  );
}
