/** A person's photo placeholder: initials on a colour derived from the name (no photos stored yet). */
import { Avatar } from '@mantine/core';

// Dark shades: white initials on them meet WCAG AA contrast.
const COLORS = ['indigo.8', 'teal.9', 'grape.8', 'red.9', 'cyan.9', 'pink.8', 'blue.8', 'violet.8'];

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
    <Avatar size={size} radius="xl" variant="filled" color={COLORS[hash % COLORS.length]} aria-hidden="true">
      {`${first[0] ?? ''}${last[0] ?? ''}`.toUpperCase()}
    </Avatar>
  );
}
