import type { TeamInvitationRow, TeamRow } from '../../../db/schema/index.ts';
import { CsrfField, FormAlert, Layout, type PageContext } from '../layout.tsx';
import { ROLE_HINTS, ROLE_LABELS } from './team-words.ts';

/** /invitations/:token: what joining means, and one button, or why it cannot be used. */
export function InvitationPage(props: {
  page: PageContext;
  token: string;
  team: TeamRow;
  invitation: TeamInvitationRow;
  refusal: string | null;
}) {
  const { team, invitation } = props;
  return (
    <Layout page={props.page} title="An invitation">
      <section class="card mx-auto max-w-lg space-y-4">
        <h1 class="text-xl font-semibold">{`Join “${team.name}”`}</h1>
        <p>
          {`You are invited as ${ROLE_LABELS[invitation.role].toLowerCase()}: ${ROLE_HINTS[invitation.role]}.`}{' '}
          Nothing of yours is shared with the team unless you choose to share it.
        </p>
        {props.refusal ? (
          <FormAlert message={props.refusal} />
        ) : (
          <form method="post" action={`/invitations/${encodeURIComponent(props.token)}/accept`}>
            <CsrfField token={props.page.csrfToken} />
            <button type="submit" class="btn-primary">
              Join the team
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}
