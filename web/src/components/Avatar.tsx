/** A person's photo placeholder: initials on a colour derived from the name (no photos stored yet). */
import { Avatar } from '@mantine/core';

const COLORS = ['indigo', 'teal', 'grape', 'orange', 'cyan', 'pink', 'lime', 'violet'];

export function PersonAvatar({
  first,
  last,
  size = 'md',
}: {
  first: string;
  last: string;
  size?: 'sm' | 'md' | 'lg' | 'xl';
}) {
  let hash = 0;
  for (const c of `${first}${last}`) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return (
    <Avatar size={size} radius="xl" color={COLORS[hash % COLORS.length]} aria-hidden="true">
      {`${first[0] ?? ''}${last[0] ?? ''}`.toUpperCase()}
    </Avatar>
  );
}
