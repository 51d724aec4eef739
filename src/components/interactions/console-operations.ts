import { graphql } from '@/gql';

// The console's intake operations, prefixed `IntakeConsole` (operation names are global across the UI).

export const IntakeConsoleRecordMutation = graphql(`
  mutation IntakeConsoleRecord($input: RecordInteractionInput!) {
    recordInteraction(input: $input) {
      id
      number
    }
  }
`);

export const IntakeConsoleConvertMutation = graphql(`
  mutation IntakeConsoleConvert($id: ID!, $version: Int!) {
    convertToComplaint(id: $id, version: $version) {
      id
      number
    }
  }
`);
