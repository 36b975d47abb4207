/**
 * The signed-in frame: header (menu button on small screens, name, global search, school switcher,
 * language, the person and sign-out), the role's menu on the left, the page in the middle.
 */
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe, useSignOut } from '../auth/session';
import { GlobalSearch } from './GlobalSearch';
import { LanguagePicker } from './LanguagePicker';
import { menuFor } from './menu';
import { NotificationBell } from './NotificationBell';
import { SchoolSwitcher } from './SchoolSwitcher';

export function Shell() {
  const { t } = useTranslation();
  const me = useMe()!;
  const [opened, { toggle, close }] = useDisclosure();
  const path = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const signOut = useSignOut();
  const schools = me.account?.schoolIds ?? [];
  const showSearch =
    !me.principal.roles.every((r) => r === 'student' || r === 'parent') && me.tenant?.kind !== 'language_school';
  const roles = me.principal.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(', ');

  // The language and sign-out: in the header on a tablet or wider; on a phone, at the foot of the burger's menu.
  const personal = (
    <>
      <LanguagePicker />
      <Button
        variant="subtle"
        size="xs"
        onClick={async () => {
          await signOut();
          await navigate({ to: '/sign-in' });
        }}
      >
        {t('auth.signOut')}
      </Button>
    </>
  );

  return (
    <AppShell
      header={{ height: { base: showSearch ? 112 : 64, sm: 64 } }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <AppShell.Header>
        <Stack gap={4} p="xs" h="100%" justify="center">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('shell.menu')} />
              <Text fw={800} fz="xl" c="indigo.8" component={Link} to="/" style={{ textDecoration: 'none' }}>
                Schola
              </Text>
              {showSearch ? (
                <Group visibleFrom="sm">
                  <GlobalSearch />
                </Group>
              ) : null}
            </Group>
            <Group gap="xs" wrap="nowrap">
              {schools.length > 1 ? <SchoolSwitcher schools={schools} /> : null}
              <NotificationBell />
              <Group gap="xs" wrap="nowrap" visibleFrom="sm">
                {personal}
              </Group>
            </Group>
          </Group>
          {showSearch ? (
            <Group hiddenFrom="sm">
              <GlobalSearch />
            </Group>
          ) : null}
        </Stack>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('shell.menu')} mod={{ collapsed: !opened }}>
        <Stack gap={2}>
          <Text size="sm" fw={600} truncate>
            {me.account?.displayName}
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            {roles}
            {me.tenant ? ` · ${me.tenant.name}` : ''}
          </Text>
          {menuFor(me).map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(`menu.${item.label}`)}
              active={path === item.to || path.startsWith(`${item.to}/`)}
              variant="filled"
              onClick={close}
            />
          ))}
          <Group gap="xs" mt="md" hiddenFrom="sm">
            {personal}
          </Group>
        </Stack>
        <VisuallyHidden>{t('shell.signedInAs', { name: me.account?.displayName ?? '' })}</VisuallyHidden>
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
