import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/demo/demo-banner";
import { getConfig } from "@/server/config";
import "./globals.css";

export const metadata: Metadata = {
  title: "Clinicall: the AI receptionist for clinics",
  description: "Answers your clinic's phone in English and Russian, books appointments and logs every call.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Demo mode is read per request (the configuration comes from the running server's environment).
  await connection();
  const { demo } = getConfig();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <DemoBanner demo={demo} />
        {children}
      </body>
    </html>
  );
}
