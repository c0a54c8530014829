"""Accountability partners end to end: pairing at the start, odd counts, late joiners, leavers, repeats."""

from __future__ import annotations

from itertools import combinations

from bot.jobs.social import PairPartnersJob
from bot.services.challenges.partners import groups_of
from tests.support.challenges import create_challenge, day_posts, reply
from tests.support.fake_slack import FakeSlack
from tests.support.running_app import RunningApp

TOMORROW = "2026-11-24"
EUROPE = ("Europe/Paris", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Vienna")


def members(fake: FakeSlack, count: int, zones: tuple[str, ...] = EUROPE, prefix: str = "UM") -> list[str]:
    ids = [f"{prefix}{i}" for i in range(1, count + 1)]
    for i, user_id in enumerate(ids):
        fake.add_user(user_id, name=f"Member {user_id}", tz=zones[i % len(zones)])
    return ids


def join(app: RunningApp, *users: str, name: str = "") -> None:
    for user in users:
        answer = app.slack.command("/challenge", f"join {name}".strip(), user=user).body
        assert answer.startswith("You have joined"), answer


def start(app: RunningApp) -> None:
    """Move to the first day's post time (10:00 Paris tomorrow) and run the scheduler."""
    app.tick(app.clock.advance(days=1))


def groups(app: RunningApp, challenge_id: int) -> list[list[str]]:
    with app.deps.sessions() as session:
        return groups_of(session, challenge_id)


def intros(app: RunningApp) -> list[tuple[list[str], str]]:
    """Each group DM introduction: (its members, its text)."""
    opened = {c["users"]: c for c in app.fake.calls_to("conversations.open")}
    found = []
    for call in app.fake.calls_to("chat.postMessage"):
        channel = str(call["channel"])
        if channel.startswith("G"):
            found.append((sorted(channel[1:].split("_")), call.text))
    assert opened or not found
    return found


def test_participants_are_paired_when_the_challenge_starts_with_one_triad_for_an_odd_count(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 5)
    join(app, *people)
    app.tick()
    assert groups(app, challenge.id) == [] and intros(app) == []  # not before the start
    start(app)
    assert sorted(len(g) for g in groups(app, challenge.id)) == [2, 3]
    assert sorted(u for g in groups(app, challenge.id) for u in g) == sorted(people)
    sent = intros(app)
    assert sorted(m for m, _ in sent) == sorted(groups(app, challenge.id))
    for group, text in sent:
        assert "What an accountability partner does" in text and "30 days of DevOps" in text
        assert all(f"<@{u}>" in text for u in group)
    triad = next(text for group, text in sent if len(group) == 3)
    assert "a triad of accountability partners" in triad
    app.tick(app.clock.advance(minutes=5))
    assert len(intros(app)) == 2  # each group is introduced once


def test_partners_are_paired_within_a_few_hours_of_each_other(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    zones = ("Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/Berlin", "America/Chicago", "Asia/Seoul")
    people = members(app.fake, 6, zones)
    join(app, *people)
    start(app)
    zone_of = dict(zip(people, zones, strict=True))
    for group in groups(app, challenge.id):
        assert len({zone_of[u].split("/")[0] for u in group}) == 1, group


def test_the_only_participant_is_told_there_is_no_partner_yet_then_paired_with_the_next_joiner(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    [alone, late] = members(app.fake, 2)
    join(app, alone)
    start(app)
    [told] = app.fake.calls_to("chat.postMessage", channel=f"D{alone}")
    assert "only participant" in told.text and "as soon as someone else joins" in told.text
    assert "you have none yet" in app.slack.command("/challenge", "status", user=alone).body
    app.tick(app.clock.advance(minutes=1))
    assert len(app.fake.calls_to("chat.postMessage", channel=f"D{alone}")) == 1  # said once
    join(app, late)
    app.tick(app.clock.advance(minutes=1))
    assert groups(app, challenge.id) == [sorted([alone, late])]
    assert [m for m, _ in intros(app)] == [sorted([alone, late])]


def test_late_joiners_pair_with_each_other_and_a_single_one_joins_a_pair_as_third(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 7)
    join(app, *people[:4])
    start(app)
    before = groups(app, challenge.id)
    join(app, *people[4:6])
    app.tick(app.clock.advance(minutes=1))
    assert groups(app, challenge.id) == before + [sorted(people[4:6])]
    join(app, people[6])
    app.tick(app.clock.advance(minutes=1))
    after = groups(app, challenge.id)
    assert sorted(len(g) for g in after) == [2, 2, 3] and any(people[6] in g and len(g) == 3 for g in after)
    group, text = intros(app)[-1]
    assert people[6] in group and f"<@{people[6]}> joined your accountability group" in text


def test_someone_who_leaves_is_taken_out_and_their_partner_is_paired_again(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 4)
    join(app, *people)
    start(app)
    [first, second] = groups(app, challenge.id)
    leaver, partner = first
    assert app.slack.command("/challenge", "leave", user=leaver).body.startswith("You have left")
    app.tick(app.clock.advance(minutes=1))
    assert groups(app, challenge.id) == [sorted([*second, partner])]
    group, text = intros(app)[-1]
    assert group == sorted([*second, partner]) and f"<@{partner}> joined your accountability group" in text


def test_partners_of_an_earlier_challenge_are_not_paired_again(app: RunningApp) -> None:
    people = members(app.fake, 4, ("Europe/Paris",))
    first = create_challenge(app, start_date=TOMORROW, title="Public speaking")
    join(app, *people, name="Public speaking")
    start(app)
    earlier = {frozenset(g) for g in groups(app, first.id)}
    second = create_challenge(app, start_date="2026-11-25", title="Blockchain basics")
    join(app, *people, name="Blockchain basics")
    start(app)
    later = {frozenset(g) for g in groups(app, second.id)}
    assert len(later) == 2 and not earlier & later


def test_status_shows_partners_and_whether_they_journaled_today(app: RunningApp) -> None:
    create_challenge(app, start_date=TOMORROW)
    [me, partner] = members(app.fake, 2)
    join(app, me, partner)
    start(app)
    assert f"<@{partner}> — not journaled yet today" in app.slack.command("/challenge", "status", user=me).body
    reply(app, day_posts(app)[-1]["ts"], "Done: wrote my first runbook.", user=partner)
    app.fake.wait_for("reactions.add")
    assert f"<@{partner}> — journaled today" in app.slack.command("/challenge", "status", user=me).body


def test_a_partner_who_left_the_workspace_is_taken_out_and_the_others_paired_again(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 4)
    join(app, *people)
    app.tick(app.clock.advance(days=1), jobs=[PairPartnersJob()])  # paired, not yet introduced
    [(gone, stays), other] = groups(app, challenge.id)
    app.fake.users[gone]["deleted"] = True
    app.tick(app.clock.advance(minutes=1))
    failed = [c for c in app.fake.calls_to("conversations.open") if gone in str(c["users"])]
    assert [c.get("_failed") or "account_inactive" for c in failed] == ["account_inactive"]
    app.tick(app.clock.advance(minutes=1))
    assert groups(app, challenge.id) == [sorted([*other, stays])]
    for _ in range(3):
        app.tick(app.clock.advance(minutes=10))
    opened = [c for c in app.fake.calls_to("conversations.open") if gone in str(c["users"])]
    assert len(opened) == 1  # no retrying forever
    assert all(gone not in group for group, _ in intros(app))


def test_ticking_again_pairs_and_introduces_nobody_twice(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 6)
    join(app, *people)
    app.clock.advance(days=1)
    app.tick()
    app.tick()
    assert len(groups(app, challenge.id)) == 3 and len(intros(app)) == 3
    pairs = [frozenset(p) for g in groups(app, challenge.id) for p in combinations(g, 2)]
    assert len(pairs) == len(set(pairs))


def test_challenges_without_partners_pair_nobody(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW, partners=[])
    join(app, *members(app.fake, 3))
    start(app)
    app.tick(app.clock.advance(hours=1))
    assert groups(app, challenge.id) == [] and intros(app) == []


def test_a_triad_whose_member_left_the_workspace_carries_on_as_a_pair_and_is_told(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 3)
    join(app, *people)
    app.tick(app.clock.advance(days=1), jobs=[PairPartnersJob()])
    assert groups(app, challenge.id) == [sorted(people)]
    app.fake.users[people[0]]["deleted"] = True
    app.tick(app.clock.advance(minutes=1))  # the triad's introduction fails: account_inactive
    app.tick(app.clock.advance(minutes=1))
    assert groups(app, challenge.id) == [sorted(people[1:])]
    [(group, text)] = intros(app)
    assert group == sorted(people[1:])
    assert f"<@{people[0]}> is no longer in your accountability group" in text
    assert "What an accountability partner does" in text


def test_a_triad_member_who_leaves_leaves_a_pair_that_is_told(app: RunningApp) -> None:
    challenge = create_challenge(app, start_date=TOMORROW)
    people = members(app.fake, 3)
    join(app, *people)
    start(app)
    app.slack.command("/challenge", "leave", user=people[2])
    app.tick(app.clock.advance(minutes=1))
    assert groups(app, challenge.id) == [sorted(people[:2])]
    group, text = intros(app)[-1]
    assert group == sorted(people[:2]) and f"<@{people[2]}> is no longer in your accountability group" in text
    app.tick(app.clock.advance(minutes=1))
    assert len(intros(app)) == 2


def test_app_home_shows_your_partners_and_their_day(app: RunningApp) -> None:
    create_challenge(app, start_date=TOMORROW)
    [me, partner] = members(app.fake, 2)
    join(app, me, partner)
    start(app)
    assert app.slack.event({"type": "app_home_opened", "user": me, "tab": "home", "channel": f"D{me}"}).status == 200
    home = app.fake.wait_for("views.publish", lambda c: c["user_id"] == me)
    assert f"Your accountability partner: <@{partner}> — not journaled yet today" in home.text
