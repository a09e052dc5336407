import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { PersonCircleRegular, SignOutRegular } from '@fluentui/react-icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useSignOut } from '@/features/auth';
import { NotificationBell } from '@/features/notifications';
import type { Me } from '@/lib/session';
import { navFor } from './navigation';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    flexWrap: 'wrap',
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { flexGrow: 1, overflowX: 'auto', minWidth: 0 },
  main: { padding: tokens.spacingHorizontalL, maxWidth: '1600px', margin: '0 auto' },
});

export function AppShell({ me }: { me: Me }) {
  const styles = useStyles();
  const navigate = useNavigate();
  const location = useLocation();
  const signOut = useSignOut();
  const items = navFor(me.role);
  const selected = items.find((i) => location.pathname.startsWith(i.to))?.to ?? '';

  const doSignOut = () =>
    signOut.mutate({}, { onSettled: () => navigate('/sign-in', { replace: true }) });

  return (
    <>
      <header className={styles.header}>
        <Text className={styles.brand}>Shiftwise</Text>
        <Text size={200}>{me.organisation_name}</Text>
        <nav aria-label="Main" className={styles.nav}>
          <TabList
            selectedValue={selected}
            onTabSelect={(_, data) => navigate(String(data.value))}
            size="small"
          >
            {items.map((item) => (
              <Tab key={item.to} value={item.to}>
                {item.label}
              </Tab>
            ))}
          </TabList>
        </nav>
        {/* Every login has an inbox: a staff profile's, or the login's own. */}
        <NotificationBell />
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="subtle" icon={<PersonCircleRegular />}>
              {me.display_name ?? me.email}
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => navigate('/account')}>Account ({me.role})</MenuItem>
              <MenuItem onClick={() => navigate('/notification-settings')}>
                Notification settings
              </MenuItem>
              <MenuItem icon={<SignOutRegular />} onClick={doSignOut}>
                Sign out
              </MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </header>
      <main className={styles.main}>
        <Outlet />
      </main>
    </>
  );
}
