import { gqlErrorMessage, type GqlErrorKind } from '@/lib/gql-error-message';

type Translate = (key: `errors.${GqlErrorKind}`) => string;

/** One line for the user from any failure, in the customer screens' words (`customers.errors.*`). */
export const errorMessage = (error: unknown, t: Translate): string =>
  gqlErrorMessage(error, (kind) => t(`errors.${kind}`));
