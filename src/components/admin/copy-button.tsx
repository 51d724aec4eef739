// Moved to the UI primitives (the public intake form copies its received number with it too).
export { CopyButton } from '@/components/ui/copy-button';
