import { useTranslations } from 'next-intl';

/** A translator of one namespace, as `useTranslations` (or next-intl's `createTranslator`) gives it. */
type Words = { (key: string): string; has(key: string): boolean };

/**
 * The name of a step in an interaction's history, for the customer's timeline and the console's detail page alike:
 * intake's own steps (受理, 转为投诉, 补充附件…), then the workflow command the step is stored under (TRIAGE, ANSWER,
 * CLOSE, DECLINE, REOPEN, CUSTOMER_FEEDBACK…, worded as the complaint workbench words them), then the complaint's other
 * steps (措施, 8D, 升级, 回访未接通). A code none of them knows stays as it is.
 */
export function interactionActionLabel(action: string, intake: Words, complaints: Words): string {
  if (intake.has(`action.${action}`)) return intake(`action.${action}`);
  for (const group of ['command', 'historyAction']) {
    if (complaints.has(`${group}.${action}`)) return complaints(`${group}.${action}`);
  }
  return action;
}

/** `interactionActionLabel` in the viewer's language. */
export function useInteractionActionLabel(): (action: string) => string {
  const intake = useTranslations('intake');
  const complaints = useTranslations('complaints');
  return (action) => interactionActionLabel(action, intake, complaints);
}
