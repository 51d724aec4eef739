'use client';
import { useCommonErrorMessage } from '@/components/ui/use-common-error-message';

/**
 * One line for the user from any failure, in the admin screens' words (the shared `common` messages: they have no
 * network-specific one), for `DataTable`/`useConfirmedAction`/forms.
 */
export const useAdminErrorMessage = useCommonErrorMessage;
