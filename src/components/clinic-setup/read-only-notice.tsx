import { Alert } from "@/components/ui/alert";

/** Shown to members on the receptionist's setup pages: why they can look but not change. */
export function ReadOnlyNotice({ clinicName, what }: { clinicName: string; what: string }) {
  return (
    <Alert variant="info" title="View only">
      You are a member of {clinicName}, so you can see {what} but not change it. Only admins and owners can make changes; ask one of them if
      something needs updating.
    </Alert>
  );
}
