import { graphql } from '@/gql';

/**
 * The 受审核方服务有效性水平评价表 as a form needs it — its version, criteria (weight, maximum score) and grade bands:
 * read by the customer page's evaluation dialog and edited on 服务规则 → 客户分等分级.
 */
export const CustomerGradeFormFieldsFragment = graphql(`
  fragment CustomerGradeFormFields on CustomerGradeForm {
    version
    criteria {
      key
      label
      description
      weight
      maxScore
    }
    bands {
      A
      B
      C
    }
  }
`);
