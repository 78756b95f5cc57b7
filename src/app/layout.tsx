import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/demo/demo-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: "Clinicall: the AI receptionist for clinics",
  description: "Answers your clinic's phone in English and Russian, books appointments and logs every call.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <DemoBanner />
        {children}
      </body>
    </html>
  );
}
