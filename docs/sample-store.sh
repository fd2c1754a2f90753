#!/usr/bin/env bash
# Builds the sample store (events/) with the CLI's own commands, so that it can never drift from
# the code: a test re-runs this script into a temporary store and compares the result with events/.
#
#   docs/sample-store.sh [STORE_DIR]      (default: events/ in the repository)
#
# VISITS_BIN: the command that runs visits (default: "swift run --quiet visits", run from the
# repository root); it is split on spaces, so use a path without spaces.
#
# Every command runs with a fixed clock (VISITS_NOW, UTC), so event ids, `recorded` and the hash
# chain come out the same on every run. Facts come from ../shared/seeds; times of day, names of the
# delegation, staff ids and the rest are illustrative: events/README.md says which is which.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="${1:-$ROOT/events}"
read -r -a BIN <<<"${VISITS_BIN:-swift run --quiet visits}"

shopt -s nullglob
existing=("$STORE"/*.jsonl)
shopt -u nullglob
if ((${#existing[@]} > 0)); then
  echo "sample-store.sh: $STORE already holds ${#existing[@]} stream(s) (*.jsonl); give an empty or new directory" >&2
  exit 1
fi
# Absolute, because the commands run from the repository root; `schedule` creates the directory
# (owner-only, like every store) when it does not exist yet.
[[ $STORE == /* ]] || STORE="$PWD/$STORE"

COUNT=0
LAST=""

# at YYYY-MM-DDTHH:MM --actor NAME COMMAND ARGS...
# Runs one visits command with the clock fixed at that minute (UTC). Times must increase.
at() {
  local when="$1"
  shift
  if [[ ! $when =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$ ]]; then
    echo "sample-store.sh: bad time '$when' (want YYYY-MM-DDTHH:MM, UTC)" >&2
    exit 2
  fi
  if [[ ${1:-} != --actor ]]; then
    echo "sample-store.sh: $when: every command names its --actor first" >&2
    exit 2
  fi
  local now="$when:00.000Z"
  if [[ -n $LAST && ! $now > $LAST ]]; then
    echo "sample-store.sh: $now is not after $LAST: keep the script in time order" >&2
    exit 2
  fi
  LAST="$now"
  COUNT=$((COUNT + 1))
  (cd "$ROOT" && VISITS_NOW="$now" "${BIN[@]}" --store "$STORE" "$@") >/dev/null || {
    local rc=$?
    echo "sample-store.sh: command $COUNT at $now failed (exit $rc): visits $*" >&2
    exit "$rc"
  }
}

# Illustrative staff ids (events/README.md): jana.hoffmann and lukas.wagner (Office for International
# Relations), sophie.krueger (Chief Information/Innovation Office); tanja.becker is the press
# contact named in the press release of 6 May 2022.
IURC="IURC (International Urban and Regional Cooperation)"
FOOD="Food transition (Ernährungswende)"
HYDROGEN="Municipal use of hydrogen (kommunale Anwendung von Wasserstoff)"
OIR="Büro für Internationale Beziehungen"
CIO="Chief Information/Innovation Office"

# ---------------------------------------------------------------------------------------------
# March 2022: the Dortmund delegation's study visit to Pittsburgh is planned.
# ---------------------------------------------------------------------------------------------
V=dortmund-in-pittsburgh-2022
at 2022-03-14T08:30 --actor jana.hoffmann schedule $V \
  --title "Dortmund delegation in Pittsburgh (IURC study visit)" --partner "City of Pittsburgh" \
  --from 2022-04-04 --to 2022-04-06 --timezone America/New_York --direction outgoing \
  --program "$IURC" --topic "$FOOD" --topic "$HYDROGEN" --organizer "$OIR" --travel-buffer 30 \
  --reason "First IURC study visit: the Dortmund delegation travels to Pittsburgh"
at 2022-03-15T08:10 --actor lukas.wagner add-site $V city-county-building \
  --name "City-County Building (Office of the Mayor)" --organization "City of Pittsburgh" \
  --address "414 Grant Street, Pittsburgh, PA 15219"
at 2022-03-15T08:12 --actor lukas.wagner add-site $V energy-innovation-center --name "Energy Innovation Center" \
  --note "Hydrogen and energy technologies"
at 2022-03-15T08:14 --actor lukas.wagner add-site $V carnegie-mellon --name "Carnegie Mellon University"
at 2022-03-15T08:16 --actor lukas.wagner add-site $V urban-farm --name "Urban farm (placeholder)" \
  --note "Stands for an urban agriculture project; the sources do not name one"
at 2022-03-16T09:00 --actor jana.hoffmann add-appointment $V mayor-reception \
  --title "Welcome by Mayor Ed Gainey and the city's teams" --kind reception --site city-county-building \
  --host "Ed Gainey (Mayor of Pittsburgh)" --start 2022-04-04T09:00 --end 2022-04-04T10:30
at 2022-03-16T09:05 --actor jana.hoffmann add-appointment $V hydrogen-eic \
  --title "Hydrogen and energy innovation: meeting and tour" --kind site-visit --site energy-innovation-center \
  --host "Energy Innovation Center team" --start 2022-04-04T13:00 --end 2022-04-04T15:30
at 2022-03-16T09:10 --actor jana.hoffmann add-appointment $V food-policy \
  --title "Urban agriculture and food policy exchange" --kind meeting --site city-county-building \
  --host "Urban agriculture and food policy advisor, City of Pittsburgh" \
  --start 2022-04-05T09:30 --end 2022-04-05T11:30
at 2022-03-16T09:15 --actor jana.hoffmann add-appointment $V urban-farm-visit \
  --title "Visit to an urban farm" --kind site-visit --site urban-farm --host "Urban farm team" \
  --start 2022-04-05T13:00 --end 2022-04-05T15:00
at 2022-03-16T09:20 --actor jana.hoffmann add-appointment $V university \
  --title "Research on hydrogen, mobility and urban resilience" --kind presentation --site carnegie-mellon \
  --host "Researchers of Carnegie Mellon University" --start 2022-04-06T09:30 --end 2022-04-06T11:30
at 2022-03-16T09:25 --actor jana.hoffmann add-appointment $V debrief \
  --title "Debrief and next steps with the City of Pittsburgh" --kind meeting --site city-county-building \
  --start 2022-04-06T13:30 --end 2022-04-06T14:30
at 2022-03-16T09:30 --actor jana.hoffmann add-appointment $V airport \
  --title "Transfer to Pittsburgh International Airport" --kind transfer \
  --start 2022-04-06T15:30 --end 2022-04-06T16:30
at 2022-03-21T10:00 --actor lukas.wagner add-attendee $V jana-hoffmann --name "Jana Hoffmann" \
  --function "IURC project lead, Office for International Relations" --organization "Stadt Dortmund" --side delegation
at 2022-03-21T10:02 --actor lukas.wagner add-attendee $V sophie-krueger --name "Sophie Krüger" \
  --function "Smart city and hydrogen, Chief Information/Innovation Office" --organization "Stadt Dortmund" \
  --side delegation --diet vegetarian
at 2022-03-21T10:04 --actor lukas.wagner add-attendee $V dortmund-delegate-3 \
  --name "Dortmund delegation member 3 (food transition, placeholder)" --organization "Stadt Dortmund" --side delegation
at 2022-03-21T10:06 --actor lukas.wagner add-attendee $V dortmund-delegate-4 \
  --name "Dortmund delegation member 4 (climate and energy, placeholder)" --organization "Stadt Dortmund" --side delegation
ALL="jana-hoffmann sophie-krueger dortmund-delegate-3 dortmund-delegate-4"
# $ALL is unquoted on purpose: it is a list of person ids.
at 2022-03-22T08:00 --actor lukas.wagner assign $V mayor-reception $ALL
at 2022-03-22T08:01 --actor lukas.wagner assign $V hydrogen-eic jana-hoffmann sophie-krueger dortmund-delegate-4
at 2022-03-22T08:02 --actor lukas.wagner assign $V food-policy jana-hoffmann dortmund-delegate-3
at 2022-03-22T08:03 --actor lukas.wagner assign $V urban-farm-visit jana-hoffmann dortmund-delegate-3
at 2022-03-22T08:04 --actor lukas.wagner assign $V university $ALL
at 2022-03-22T08:05 --actor lukas.wagner assign $V debrief $ALL
at 2022-03-22T08:06 --actor lukas.wagner assign $V airport $ALL
at 2022-03-28T07:30 --actor jana.hoffmann move-appointment $V hydrogen-eic \
  --start 2022-04-04T14:00 --end 2022-04-04T16:30 \
  --reason "Energy Innovation Center: the tour can only start at 14:00"
at 2022-03-30T12:00 --actor jana.hoffmann publish $V \
  --note "Programme sent to the delegation and to the Mayor's Office in Pittsburgh"

# During the trip (evening in Pittsburgh, EDT = UTC-4).
at 2022-04-04T22:30 --actor jana.hoffmann note $V --text "Meeting with Mayor Ed Gainey: both cities agreed to \
establish an innovation and climate partnership. Focus: administrative exchanges and joint projects on \
sustainable urban planning, innovation, smart city, mobility, climate technologies, hydrogen, sustainable \
food and agriculture, sport (BVB) and urban diplomacy."

# Back in Dortmund.
at 2022-04-08T07:30 --actor jana.hoffmann assign-task $V visit-report --owner jana.hoffmann
at 2022-04-08T07:35 --actor jana.hoffmann assign-task $V thanks-mayor-reception --owner jana.hoffmann

# ---------------------------------------------------------------------------------------------
# April 2022: the return visit of the Pittsburgh delegation is planned.
# ---------------------------------------------------------------------------------------------
P=pittsburgh-2022
at 2022-04-11T07:30 --actor jana.hoffmann schedule $P \
  --title "Delegation from Pittsburgh in Dortmund (IURC study visit)" --partner "City of Pittsburgh" \
  --from 2022-05-02 --to 2022-05-05 --timezone Europe/Berlin --direction incoming \
  --program "$IURC" --topic "$FOOD" --topic "$HYDROGEN" --organizer "$OIR" --organizer "$CIO" \
  --reason "Return visit agreed in Pittsburgh; funded by the IURC programme"
at 2022-04-11T09:15 --actor lukas.wagner add-site $P rathaus --name "Rathaus Dortmund (city hall)" \
  --organization "Stadt Dortmund" --address "Friedensplatz 1, 44135 Dortmund"
at 2022-04-11T09:20 --actor lukas.wagner add-site $P stadthaus --name "Stadthaus, conference room" \
  --organization "Stadt Dortmund" --note "Presentations and the meeting with the Ernährungsrat"
at 2022-04-12T07:45 --actor sophie.krueger add-site $P dew21 --name "DEW21" \
  --organization "Dortmunder Energie- und Wasserversorgung GmbH"
at 2022-04-12T07:47 --actor sophie.krueger add-site $P wew --name "WEW GmbH"
at 2022-04-12T07:49 --actor sophie.krueger add-site $P gasrusswerke --name "Deutsche Gasrußwerke"
at 2022-04-12T08:30 --actor jana.hoffmann add-site $P st-urbanus --name "Essbarer Waldgarten St. Urbanus (edible forest garden)"
at 2022-04-12T08:32 --actor jana.hoffmann add-site $P gruenfrau \
  --name "GrünFrau (social-ecological neighbourhood garden)" --address "Dortmund-Hörde"
at 2022-04-12T09:00 --actor jana.hoffmann complete-task $V thanks-mayor-reception \
  --reason "Letter to Mayor Gainey sent with the invitation for May"
at 2022-04-12T09:05 --actor jana.hoffmann complete-task $V thanks-hydrogen-eic-energy-innovation-center-team
at 2022-04-13T07:30 --actor jana.hoffmann reschedule $P --from 2022-05-02 --to 2022-05-04 \
  --reason "The delegation flies home on 5 May in the morning: the programme ends on 4 May"

# Monday, 2 May: presentations, reception by the Lord Mayor, Ernährungsrat.
at 2022-04-13T08:00 --actor sophie.krueger add-appointment $P cleanport \
  --title "Presentation of the CleanPort project" --kind presentation --site stadthaus \
  --host "CleanPort project team" --start 2022-05-02T09:00 --end 2022-05-02T10:00
at 2022-04-13T08:05 --actor sophie.krueger add-appointment $P energiecampus \
  --title "Presentation of the Energiecampus project" --kind presentation --site stadthaus \
  --host "Energiecampus project team" --start 2022-05-02T10:15 --end 2022-05-02T11:15
at 2022-04-13T08:10 --actor jana.hoffmann add-appointment $P reception \
  --title "Reception by Lord Mayor Thomas Westphal" --kind reception --site rathaus \
  --host "Thomas Westphal (Lord Mayor)" --start 2022-05-02T11:45 --end 2022-05-02T12:45
at 2022-04-13T08:15 --actor jana.hoffmann add-appointment $P lunch-rathaus \
  --title "Lunch at the city hall" --kind meal --site rathaus --start 2022-05-02T12:45 --end 2022-05-02T13:45
at 2022-04-13T08:20 --actor jana.hoffmann add-appointment $P ernaehrungsrat \
  --title "Meeting with the Ernährungsrat Dortmund (food policy council)" --kind meeting --site stadthaus \
  --host "Ernährungsrat Dortmund" --start 2022-05-02T15:00 --end 2022-05-02T17:00

# Tuesday, 3 May: food transition.
at 2022-04-13T09:00 --actor jana.hoffmann add-appointment $P bus-day2 \
  --title "Bus transfer to the St. Urbanus forest garden" --kind transfer \
  --start 2022-05-03T08:45 --end 2022-05-03T09:30
at 2022-04-13T09:05 --actor jana.hoffmann add-appointment $P st-urbanus \
  --title "Visit to the edible forest garden St. Urbanus" --kind site-visit --site st-urbanus \
  --host "St. Urbanus forest garden team" --start 2022-05-03T09:30 --end 2022-05-03T11:30
at 2022-04-13T09:10 --actor jana.hoffmann add-appointment $P lunch-gruenfrau \
  --title "Lunch at GrünFrau" --kind meal --site gruenfrau --start 2022-05-03T12:00 --end 2022-05-03T13:00
at 2022-04-13T09:15 --actor jana.hoffmann add-appointment $P gruenfrau \
  --title "Visit to the neighbourhood garden GrünFrau in Dortmund-Hörde" --kind site-visit --site gruenfrau \
  --host "GrünFrau team" --start 2022-05-03T13:00 --end 2022-05-03T15:00
at 2022-04-13T09:20 --actor jana.hoffmann add-appointment $P partnership \
  --title "Working session: innovation and climate partnership, next steps" --kind meeting --site stadthaus \
  --host "$OIR" --start 2022-05-03T15:45 --end 2022-05-03T17:15
at 2022-04-13T09:25 --actor jana.hoffmann add-appointment $P city-walk \
  --title "Guided walk through the city centre" --kind other --start 2022-05-03T17:30 --end 2022-05-03T18:30
at 2022-04-13T09:30 --actor jana.hoffmann add-appointment $P dinner \
  --title "Dinner with the delegation" --kind meal --start 2022-05-03T19:00 --end 2022-05-03T21:00

# Wednesday, 4 May: hydrogen.
at 2022-04-13T10:00 --actor sophie.krueger add-appointment $P dew21 \
  --title "Visit to DEW21" --kind site-visit --site dew21 --host "DEW21 management" \
  --start 2022-05-04T09:00 --end 2022-05-04T10:30
at 2022-04-13T10:05 --actor sophie.krueger add-appointment $P wew \
  --title "Visit to WEW GmbH" --kind site-visit --site wew --host "WEW GmbH management" \
  --start 2022-05-04T11:00 --end 2022-05-04T12:30
at 2022-04-13T10:10 --actor sophie.krueger add-appointment $P lunch-day3 \
  --title "Lunch" --kind meal --start 2022-05-04T12:45 --end 2022-05-04T13:45
at 2022-04-13T10:15 --actor sophie.krueger add-appointment $P gasrusswerke \
  --title "Visit to Deutsche Gasrußwerke" --kind site-visit --site gasrusswerke \
  --host "Deutsche Gasrußwerke plant management" --start 2022-05-04T14:00 --end 2022-05-04T15:30
at 2022-04-13T10:20 --actor jana.hoffmann add-appointment $P wrap-up \
  --title "Wrap-up and feedback round" --kind meeting --site stadthaus \
  --start 2022-05-04T16:30 --end 2022-05-04T17:30

# The delegation list arrives from Pittsburgh: its members are not named in the sources.
at 2022-04-14T08:00 --actor lukas.wagner add-attendee $P pgh-delegate-1 \
  --name "Delegation member 1 (Pittsburgh, placeholder)" --function "City planning (placeholder)" \
  --organization "City of Pittsburgh" --side delegation --diet vegetarian --rank 1 --language en
at 2022-04-14T08:02 --actor lukas.wagner add-attendee $P pgh-delegate-2 \
  --name "Delegation member 2 (Pittsburgh, placeholder)" --function "Energy planning (placeholder)" \
  --organization "City of Pittsburgh" --side delegation --rank 2 --language en
at 2022-04-14T08:04 --actor lukas.wagner add-attendee $P pgh-delegate-3 \
  --name "Delegation member 3 (Pittsburgh, placeholder)" --function "Urban agriculture (placeholder)" \
  --organization "Urban gardening organisation in Pittsburgh (placeholder)" --side delegation --diet vegan \
  --rank 3 --language en --language es \
  --access "Wheelchair user: step-free access and an accessible bus"
at 2022-04-14T08:06 --actor lukas.wagner add-attendee $P pgh-delegate-4 \
  --name "Delegation member 4 (Pittsburgh, placeholder)" --function "Mayor's Office (placeholder)" \
  --organization "City of Pittsburgh" --side delegation --diet halal --rank 4 --language en
at 2022-04-14T08:08 --actor lukas.wagner add-attendee $P iurc-expert \
  --name "IURC programme expert (placeholder)" --organization "IURC programme team (European Union)" --side delegation \
  --language en --language fr
at 2022-04-14T08:10 --actor lukas.wagner add-attendee $P thomas-westphal --name "Thomas Westphal" \
  --function "Lord Mayor (Oberbürgermeister)" --organization "Stadt Dortmund" --side host --rank 1 --language de
at 2022-04-14T08:12 --actor lukas.wagner add-attendee $P jana-hoffmann --name "Jana Hoffmann" \
  --function "IURC project lead, Office for International Relations" --organization "Stadt Dortmund" --side staff \
  --rank 1 --language de --language en
at 2022-04-14T08:14 --actor lukas.wagner add-attendee $P lukas-wagner --name "Lukas Wagner" \
  --function "Logistics, Office for International Relations" --organization "Stadt Dortmund" --side staff \
  --rank 3 --language de --language en
at 2022-04-14T08:16 --actor lukas.wagner add-attendee $P sophie-krueger --name "Sophie Krüger" \
  --function "Smart city and hydrogen, Chief Information/Innovation Office" --organization "Stadt Dortmund" \
  --side staff --diet vegetarian --rank 2 --language de --language en
at 2022-04-14T08:18 --actor lukas.wagner add-attendee $P interpreter --name "Interpreter (placeholder)" \
  --function "German–English interpreter" --side interpreter --language de --language en

# Who goes where. $D is unquoted on purpose: it is a list of person ids.
D="pgh-delegate-1 pgh-delegate-2 pgh-delegate-3 pgh-delegate-4 iurc-expert"
at 2022-04-19T07:30 --actor lukas.wagner assign $P cleanport $D jana-hoffmann sophie-krueger interpreter
at 2022-04-19T07:31 --actor lukas.wagner assign $P energiecampus $D jana-hoffmann sophie-krueger interpreter
at 2022-04-19T07:32 --actor lukas.wagner assign $P reception $D thomas-westphal jana-hoffmann interpreter
at 2022-04-19T07:33 --actor lukas.wagner assign $P lunch-rathaus $D jana-hoffmann interpreter
at 2022-04-19T07:34 --actor lukas.wagner assign $P ernaehrungsrat $D jana-hoffmann interpreter
at 2022-04-19T07:35 --actor lukas.wagner assign $P bus-day2 $D lukas-wagner
at 2022-04-19T07:36 --actor lukas.wagner assign $P st-urbanus $D lukas-wagner interpreter
at 2022-04-19T07:37 --actor lukas.wagner assign $P lunch-gruenfrau $D lukas-wagner interpreter
at 2022-04-19T07:38 --actor lukas.wagner assign $P gruenfrau $D lukas-wagner interpreter
at 2022-04-19T07:39 --actor lukas.wagner assign $P partnership $D jana-hoffmann sophie-krueger
at 2022-04-19T07:40 --actor lukas.wagner assign $P city-walk $D lukas-wagner
at 2022-04-19T07:41 --actor lukas.wagner assign $P dinner $D jana-hoffmann lukas-wagner sophie-krueger interpreter
at 2022-04-19T07:42 --actor lukas.wagner assign $P dew21 $D sophie-krueger interpreter
at 2022-04-19T07:43 --actor lukas.wagner assign $P wew $D sophie-krueger interpreter
at 2022-04-19T07:44 --actor lukas.wagner assign $P lunch-day3 $D sophie-krueger
at 2022-04-19T07:45 --actor lukas.wagner assign $P gasrusswerke $D sophie-krueger interpreter
at 2022-04-19T07:46 --actor lukas.wagner assign $P wrap-up $D jana-hoffmann sophie-krueger

# Arrivals and departures (flights, trains and times illustrative).
at 2022-04-19T10:00 --actor lukas.wagner add-travel $P arrival-delegation \
  --person pgh-delegate-1 --person pgh-delegate-2 --person pgh-delegate-3 --person pgh-delegate-4 \
  --direction arrival --at 2022-05-01T17:40 --mode flight --number "LH 2032" \
  --from "Pittsburgh (PIT) via Frankfurt" --to "Düsseldorf Airport (DUS)" --pickup lukas-wagner \
  --note "Accessible minibus to the hotel; meet at the arrivals hall, exit B"
at 2022-04-19T10:05 --actor lukas.wagner add-travel $P arrival-iurc --person iurc-expert \
  --direction arrival --at 2022-05-01T20:15 --mode train --number "ICE 17" --from "Brussels-Midi" \
  --to "Dortmund Hbf"
at 2022-04-19T10:10 --actor lukas.wagner add-travel $P departure-iurc --person iurc-expert \
  --direction departure --at 2022-05-04T18:45 --mode train --number "ICE 16" --from "Dortmund Hbf" \
  --to "Brussels-Midi"
at 2022-04-19T10:15 --actor lukas.wagner add-travel $P departure-delegation \
  --person pgh-delegate-1 --person pgh-delegate-2 --person pgh-delegate-3 --person pgh-delegate-4 \
  --direction departure --at 2022-05-05T09:30 --mode flight --number "LH 2033" \
  --from "Düsseldorf Airport (DUS)" --to "Pittsburgh (PIT) via Frankfurt" --pickup lukas-wagner

at 2022-04-20T08:00 --actor lukas.wagner add-task $P bus --title "Book an accessible bus for 3 and 4 May" \
  --owner lukas.wagner --due 2022-04-22
at 2022-04-20T08:05 --actor lukas.wagner add-task $P catering \
  --title "Order catering for lunches and dinner (vegetarian, vegan, halal)" --owner lukas.wagner --due 2022-04-27
at 2022-04-21T12:00 --actor lukas.wagner complete-task $P bus --reason "Accessible bus booked for both days"
at 2022-04-21T12:30 --actor jana.hoffmann note $P --text "All five hosts confirmed their visits (DEW21, WEW GmbH, \
Deutsche Gasrußwerke, St. Urbanus, GrünFrau); step-free access confirmed at every site."
at 2022-04-22T10:00 --actor jana.hoffmann publish $P \
  --note "First agenda sent to the delegation, the hosts and the Lord Mayor's office"

# Changes after the first agenda.
at 2022-04-25T07:40 --actor jana.hoffmann move-appointment $P reception \
  --start 2022-05-02T12:15 --end 2022-05-02T13:15 \
  --reason "Lord Mayor's office: a council committee meeting runs until 12:00"
at 2022-04-25T07:45 --actor jana.hoffmann move-appointment $P lunch-rathaus \
  --start 2022-05-02T13:15 --end 2022-05-02T14:15 --reason "Follows the reception, which moved to 12:15"
at 2022-04-25T09:00 --actor lukas.wagner complete-task $P catering --reason "Catering ordered for all meals"
at 2022-04-26T08:10 --actor sophie.krueger move-appointment $P gasrusswerke \
  --start 2022-05-04T14:30 --end 2022-05-04T16:00 \
  --reason "Deutsche Gasrußwerke: the safety briefing before the plant tour needs a later start"
at 2022-04-26T12:00 --actor lukas.wagner withdraw-attendee $P pgh-delegate-4 \
  --reason "Cannot travel: schedule conflict in Pittsburgh (message from the partner office)"
at 2022-04-26T12:10 --actor lukas.wagner reopen-task $P catering \
  --reason "Delegation member 4 withdrew: the catering order must be changed"
at 2022-04-27T08:00 --actor lukas.wagner complete-task $P catering --reason "Changed order confirmed by the caterer"
at 2022-04-27T09:00 --actor sophie.krueger unassign $P dew21 interpreter \
  --reason "DEW21 presents in English: no interpreting needed"

# The press office joins.
at 2022-04-27T10:00 --actor tanja.becker add-attendee $P tanja-becker --name "Tanja Becker" \
  --function "Press contact" --organization "Stadt Dortmund" --side press
at 2022-04-27T10:02 --actor tanja.becker add-attendee $P torsten-tullius --name "Torsten Tullius" \
  --function "Photographer" --side press
at 2022-04-27T10:04 --actor tanja.becker add-attendee $P sara-stjepic --name "Sara Stjepic" \
  --function "Photographer" --side press
at 2022-04-27T10:10 --actor tanja.becker assign $P reception tanja-becker torsten-tullius
at 2022-04-27T10:12 --actor tanja.becker assign $P ernaehrungsrat sara-stjepic
at 2022-04-27T10:15 --actor tanja.becker add-task $P press-release \
  --title "Press release on the visit, with photos of the reception and the Ernährungsrat meeting" \
  --owner tanja.becker --due 2022-05-06
at 2022-04-28T07:30 --actor jana.hoffmann cancel-appointment $P city-walk \
  --reason "The programme on 3 May is too dense: the delegation prefers free time before dinner"
at 2022-04-29T09:00 --actor jana.hoffmann publish $P --note "Second version: reception at 12:15, lunch at 13:15, \
Deutsche Gasrußwerke at 14:30; city walk dropped; delegation member 4 cannot travel"

# The visit (CEST = UTC+2).
at 2022-05-02T11:30 --actor tanja.becker note $P \
  --text "Reception by Lord Mayor Thomas Westphal held; photos by Torsten Tullius."
# Gifts exchanged at the reception (illustrative: the sources name no gifts).
at 2022-05-02T13:00 --actor jana.hoffmann record-gift $P city-plate \
  --description "Porcelain plate with the Dortmund city arms" --direction given --from thomas-westphal \
  --to pgh-delegate-1 --value 85 --disposition "Handed over at the reception"
at 2022-05-02T13:05 --actor jana.hoffmann record-gift $P skyline-print \
  --description "Framed print of the Pittsburgh skyline" --direction received --from pgh-delegate-1 \
  --to thomas-westphal --value 150 --disposition "Displayed in the Lord Mayor's office"
at 2022-05-02T17:30 --actor jana.hoffmann move-appointment $P st-urbanus \
  --start 2022-05-03T09:30 --end 2022-05-03T11:50 \
  --reason "The forest garden team offers a guided tour of the new planting: 20 minutes more"
at 2022-05-02T17:35 --actor jana.hoffmann note $P --text "Only 10 minutes from St. Urbanus to GrünFrau after \
the longer tour (check warns: travel buffer). Accepted: the bus waits at the garden and GrünFrau serves lunch \
a little later if needed."
# The working session agrees to prepare a partnership agreement: planned now, signed in September.
at 2022-05-03T16:00 --actor jana.hoffmann plan-mou $P climate-partnership \
  --title "Innovation and climate partnership Dortmund–Pittsburgh" \
  --signatory thomas-westphal --signatory "Edward Gainey" \
  --commitment "Cooperation on new climate technologies" \
  --commitment "Economic structural change" \
  --commitment "A just social, post-industrial transformation" \
  --commitment "Networking of science actors and innovative start-ups" \
  --reason "Agreed at the working session on the partnership: a memorandum of understanding is drafted"
at 2022-05-04T16:00 --actor jana.hoffmann note $P --text "Programme completed. Follow-ups: thank-you letters to \
the hosts, the visit report for the IURC programme, a draft of the partnership agreement."

# Follow-ups: derived tasks (thank-you letters, visit report) are assigned and completed like manual ones.
at 2022-05-05T07:30 --actor jana.hoffmann assign-task $P visit-report --owner jana.hoffmann
at 2022-05-05T07:32 --actor jana.hoffmann assign-task $P thanks-reception --owner jana.hoffmann
at 2022-05-05T07:34 --actor jana.hoffmann assign-task $P thanks-dew21-dew21-management --owner sophie.krueger
at 2022-05-05T07:36 --actor jana.hoffmann assign-task $P thanks-wew-wew-gmbh-management --owner sophie.krueger
at 2022-05-05T07:38 --actor jana.hoffmann assign-task $P \
  thanks-gasrusswerke-deutsche-gasrusswerke-plant-management --owner sophie.krueger
at 2022-05-05T07:40 --actor jana.hoffmann assign-task $P thanks-st-urbanus-st-urbanus-forest-garden-team \
  --owner lukas.wagner
at 2022-05-05T07:42 --actor jana.hoffmann assign-task $P thanks-gruenfrau-gruenfrau-team --owner lukas.wagner
at 2022-05-06T09:00 --actor tanja.becker complete-task $P press-release \
  --reason "Press release no. 816 of 6 May 2022 published"
at 2022-05-06T09:05 --actor tanja.becker note $P --text "Press release no. 816 published with two photos: \
reception by Torsten Tullius, Ernährungsrat by Sara Stjepic."
at 2022-05-09T08:00 --actor sophie.krueger complete-task $P thanks-dew21-dew21-management
at 2022-05-09T08:05 --actor sophie.krueger complete-task $P thanks-wew-wew-gmbh-management
at 2022-05-09T08:10 --actor sophie.krueger set-due $P thanks-gasrusswerke-deutsche-gasrusswerke-plant-management \
  --due 2022-05-20 --reason "The letter goes out with the plant's photos, expected next week"
at 2022-05-10T08:00 --actor jana.hoffmann complete-task $P thanks-reception
at 2022-05-10T09:00 --actor lukas.wagner complete-task $P thanks-st-urbanus-st-urbanus-forest-garden-team
at 2022-05-11T09:00 --actor lukas.wagner complete-task $P thanks-gruenfrau-gruenfrau-team
at 2022-05-16T08:00 --actor jana.hoffmann complete-task $V visit-report \
  --reason "Report on the study visit sent to the IURC programme"
at 2022-06-01T08:00 --actor jana.hoffmann complete-task $P visit-report \
  --reason "Report on the return visit sent to the IURC programme"

# September 2022: the MoU that grew out of both exchanges is signed in a virtual ceremony.
at 2022-09-09T14:00 --actor jana.hoffmann sign-mou $P climate-partnership --date 2022-09-09 \
  --place "Virtual signing ceremony (video conference)" \
  --reason "Memorandum of Understanding signed by both mayors after the April and May 2022 exchanges"
at 2022-09-12T08:00 --actor jana.hoffmann assign-task $P mou-climate-partnership-copy-edward-gainey \
  --owner jana.hoffmann
at 2022-09-12T08:05 --actor sophie.krueger assign-task $P mou-climate-partnership-commitment-1 \
  --owner sophie.krueger
at 2022-09-20T08:00 --actor jana.hoffmann complete-task $P mou-climate-partnership-copy-edward-gainey \
  --reason "Countersigned copy sent to the Mayor's Office in Pittsburgh"

# ---------------------------------------------------------------------------------------------
# November 2023: kick-off of the Intelligent Cities Challenge in Brussels.
# ---------------------------------------------------------------------------------------------
I=icc-brussels-2023
at 2023-10-16T08:00 --actor jana.hoffmann schedule $I \
  --title "Intelligent Cities Challenge 2023-25: kick-off in Brussels" \
  --partner "European Commission – Intelligent Cities Challenge" \
  --from 2023-11-23 --to 2023-11-23 --timezone Europe/Brussels --direction outgoing \
  --program "Intelligent Cities Challenge (ICC) 2023-25" \
  --topic "Climate, environment, mobility and digitalisation (Dortmund as a mentor city)" \
  --topic "Local green deals" --organizer "Wirtschaftsförderung Dortmund" \
  --reason "Dortmund selected as one of ten mentor cities"
at 2023-10-16T08:05 --actor jana.hoffmann add-site $I kickoff-venue --name "Kick-off venue, Brussels"
at 2023-10-17T09:00 --actor jana.hoffmann add-appointment $I train-out --title "Train from Dortmund to Brussels" \
  --kind transfer --start 2023-11-23T06:45 --end 2023-11-23T09:45
at 2023-10-17T09:05 --actor jana.hoffmann add-appointment $I kickoff \
  --title "Official kick-off of the Intelligent Cities Challenge 2023-25" --kind meeting --site kickoff-venue \
  --host "European Commission" --start 2023-11-23T10:30 --end 2023-11-23T17:00
at 2023-10-17T09:10 --actor jana.hoffmann add-appointment $I train-back --title "Train from Brussels to Dortmund" \
  --kind transfer --start 2023-11-23T17:45 --end 2023-11-23T21:00
at 2023-10-18T08:00 --actor jana.hoffmann add-attendee $I kurt-pommerenke --name "Kurt Pommerenke" \
  --function "Economic development" --organization "Wirtschaftsförderung Dortmund" --side delegation
at 2023-10-18T08:02 --actor jana.hoffmann add-attendee $I angela-maertin --name "Angela Märtin" \
  --function "Science officer (Wissenschaftsreferentin)" --organization "Stadt Dortmund" --side delegation
at 2023-10-18T08:05 --actor jana.hoffmann assign $I train-out kurt-pommerenke angela-maertin
at 2023-10-18T08:06 --actor jana.hoffmann assign $I kickoff kurt-pommerenke angela-maertin
at 2023-10-18T08:07 --actor jana.hoffmann assign $I train-back kurt-pommerenke angela-maertin
# Corrections and staff-only details (illustrative): the German title for the German agenda, the
# kick-off's German title and an internal note, a corrected function, a retitled derived task.
at 2023-10-19T08:00 --actor jana.hoffmann update-visit $I \
  --title-de "Intelligent Cities Challenge 2023-25: Auftakt in Brüssel"
at 2023-10-19T08:05 --actor jana.hoffmann update-appointment $I kickoff \
  --title-de "Offizieller Auftakt der Intelligent Cities Challenge 2023-25" \
  --internal-note "Badges at the registration desk from 09:45; bring the invitation letter of the ICC programme office"
at 2023-10-19T08:10 --actor jana.hoffmann update-attendee $I kurt-pommerenke \
  --function "Economic development, ICC coordinator for Dortmund" --reason "Function as the ICC programme office lists it"
at 2023-10-19T08:15 --actor jana.hoffmann note $I --internal \
  --text "Travel costs are covered by the ICC programme: reimbursement forms to the programme office within 30 days"
at 2023-10-19T08:20 --actor jana.hoffmann update-site $I kickoff-venue \
  --note "The address comes with the final invitation of the ICC programme office"
at 2023-11-24T09:00 --actor jana.hoffmann note $I --text "Kick-off attended by Kurt Pommerenke and Angela Märtin. \
Dortmund is one of ten mentor cities; 64 cities take part. Aim for 2023-25: local green deals."
at 2023-11-24T09:10 --actor jana.hoffmann add-task $I press-release \
  --title "Press release: Dortmund as a mentor city of the Intelligent Cities Challenge" \
  --owner angela.maertin --due 2023-12-01
at 2023-11-24T09:15 --actor jana.hoffmann add-task $I local-green-deal \
  --title "Collect the departments' input for Dortmund's local green deal" --owner kurt.pommerenke --due 2024-01-31
at 2023-11-24T09:20 --actor jana.hoffmann assign-task $I visit-report --owner angela.maertin
at 2023-11-24T09:25 --actor jana.hoffmann update-task $I visit-report \
  --title "Write the visit report for the mentor-city file"
at 2023-12-01T10:00 --actor jana.hoffmann complete-task $I press-release \
  --reason "Press release of 1 December 2023 published"

# Retention: a person who withdrew before the visit; their data has no purpose any more (see
# docs/privacy.md). The log keeps that they were registered, withdrew and were erased.
at 2023-12-04T08:00 --actor jana.hoffmann erase-person pgh-delegate-4 \
  --reason "Withdrew before the visit in 2022: personal data no longer needed (retention rule)"

echo "sample-store.sh: $COUNT commands written to $STORE"
