import { connection } from "next/server";

export default async function HomePage() {
  await connection();
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">Clinicall</p>
      <h1 className="mt-3 text-4xl font-bold tracking-tight text-slate-900">
        The receptionist that answers every call.
      </h1>
      <p className="mt-4 text-lg text-slate-600">
        Clinicall picks up your clinic&apos;s phone in English and Russian, answers what patients ask,
        books appointments into your Google Calendar and shows you every call, with its recording and
        transcript, in one dashboard.
      </p>
    </main>
  );
}
