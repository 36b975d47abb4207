/** A form's refusal in words, announced (role="alert") above its fields; nothing when there is none. */
import { Alert, type MantineSpacing } from '@mantine/core';

export function FailureAlert({ failure, p }: { failure: string | undefined; p?: MantineSpacing }) {
  return failure ? (
    <Alert color="red" role="alert" p={p}>
      {failure}
    </Alert>
  ) : null;
}
