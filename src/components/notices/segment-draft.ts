import type { CustomerGrade, NoticeAudienceInput } from '@/gql/graphql';

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

type Segment = {
  all: boolean;
  provinces: readonly string[];
  industries: readonly string[];
  grades: readonly string[];
  keyAccountsOnly: boolean;
  customerIds: readonly string[];
};

export const splitList = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The form's fields for a stored segment, or an empty one (`all` when there is none yet). */
export function segmentDraft(segment: Segment | null | undefined, allWhenNew: boolean): SegmentDraft {
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
