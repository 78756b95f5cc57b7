import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/demo/demo-banner";
import { getConfig } from "@/server/config";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t("meta.title"), description: t("meta.description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Demo mode is read per request (the configuration comes from the running server's environment).
  await connection();
  const { demo } = getConfig();
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* Passes the request's language and its catalogue to client components (useTranslations). */}
        <NextIntlClientProvider>
          <DemoBanner demo={demo} />
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
