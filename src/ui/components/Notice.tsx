import { Text } from 'ink';
import type { Notice as NoticeT } from '../state/state';
import { toneProps } from '../text/theme';

export function Notice({ notice }: { notice: NoticeT | null }) {
  if (!notice) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" {...toneProps(notice.tone)} bold={notice.tone === 'pass'}>
      {notice.text}
    </Text>
  );
}
