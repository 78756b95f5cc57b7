// A page that shows the server's English message: what no-raw-api-errors.test.ts finds.
export function Sample({ result, error }: { result: { error: { message: string } }; error: { message: string } }) {
  return (
    <p>
      {result.error.message} {error.message}
    </p>
  );
}
