import { Text } from 'ink';
import type { Notice as NoticeT } from '../state';
import { toneProps } from '../theme';

export function Notice({ notice }: { notice: NoticeT | null }) {
  if (!notice) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" {...toneProps(notice.tone)} bold={notice.tone === 'pass'}>
      {notice.text}
    </Text>
  );
}
