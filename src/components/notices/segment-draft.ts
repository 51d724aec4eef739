import { getFragmentData, graphql, type FragmentType } from '@/gql';
import type { CustomerGrade, NoticeAudienceInput } from '@/gql/graphql';

/** A stored segment as the screens read it (a notice's `audience`, a callback programme's `segment`). */
export const NoticeAudienceFieldsFragment = graphql(`
  fragment NoticeAudienceFields on NoticeAudience {
    all
    provinces
    industries
    grades
    keyAccountsOnly
    customerIds
  }
`);

/**
 * A customer segment (the notices' audience model, also a callback programme's segment) as a form edits it: lists as
 * text, split on commas (either width), 、 or spaces when saved.
 */
export type SegmentDraft = {
  all: boolean;
  provinces: string;
  industries: string;
  grades: string[];
  keyAccountsOnly: boolean;
  customerIds: string;
};

export const splitList = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The form's fields for a stored segment, or an empty one (`all` when there is none yet). */
export function segmentDraft(
  stored: FragmentType<typeof NoticeAudienceFieldsFragment> | null | undefined,
  allWhenNew: boolean,
): SegmentDraft {
  const segment = getFragmentData(NoticeAudienceFieldsFragment, stored);
  return {
    all: segment?.all ?? allWhenNew,
    provinces: segment?.provinces.join('，') ?? '',
    industries: segment?.industries.join('，') ?? '',
    grades: [...(segment?.grades ?? [])],
    keyAccountsOnly: segment?.keyAccountsOnly ?? false,
    customerIds: segment?.customerIds.join(', ') ?? '',
  };
}

/** The segment the API takes: everyone, or the lists as entered. */
export function segmentInput(d: SegmentDraft): NoticeAudienceInput {
  return d.all
    ? { all: true }
    : {
        all: false,
        provinces: splitList(d.provinces),
        industries: splitList(d.industries),
        grades: d.grades as CustomerGrade[],
        keyAccountsOnly: d.keyAccountsOnly,
        customerIds: splitList(d.customerIds),
      };
}
