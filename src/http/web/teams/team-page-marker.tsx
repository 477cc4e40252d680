/**
 * Marks a page as showing one team's data to one viewer. The page's script (client/team-exit.ts)
 * clears the page and leaves as soon as the viewer is no longer in the team.
 */
export function TeamPageMarker(props: { teamId: string; viewerId: string }) {
  return <span hidden data-team-page data-team-id={props.teamId} data-viewer-id={props.viewerId} />;
}
