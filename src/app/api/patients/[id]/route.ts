import { NextResponse } from "next/server";
import { readJson, withOrg } from "@/server/http/handler";
import { json } from "@/server/http/json";
import { erasePatient } from "@/server/patients/erase-patient";
import { getPatient } from "@/server/patients/get-patient";
import { patientIdParam, UpdatePatientInput } from "@/server/patients/schemas";
import { updatePatient } from "@/server/patients/update-patient";

export const GET = withOrg(async ({ params, actor }) => json(await getPatient(actor, patientIdParam(params))));

export const PATCH = withOrg(async ({ req, params, actor }) => {
  const id = patientIdParam(params);
  const input = UpdatePatientInput.parse(await readJson(req));
  return json(await updatePatient(actor, id, input, new Date()));
});

export const DELETE = withOrg(
  async ({ params, actor }) => {
    await erasePatient(actor, patientIdParam(params));
    return new NextResponse(null, { status: 204 });
  },
  { role: "admin" },
);
