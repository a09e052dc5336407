import { Body1, Title3 } from '@fluentui/react-components';
import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <section>
      <Title3 as="h1">Page not found</Title3>
      <Body1 as="p">
        There is nothing at this address. <Link to="/">Go to your start page</Link>.
      </Body1>
    </section>
  );
}
