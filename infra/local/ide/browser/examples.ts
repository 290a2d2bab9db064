/**
 * The IDE's example tabs, open on a first visit (GraphiQL keeps the tabs a person leaves open,
 * in the browser's storage, and shows those instead on later visits).
 */

export interface ExampleTab {
  readonly query: string;
  readonly variables?: string;
}

const coChairs = `# Requests go as the caller chosen above, with a dev token in the Authorization header.
# Run with Ctrl-Enter or the ▶ button; the book icon on the left opens the schema's documentation.
query CoChairs {
  coChairs {
    startsOn
    member {
      country
      name
    }
  }
}
`;

const draftAnnualReport = `# This year's annual report: a DRAFT computed now from the data, for the secretariat and
# officials (observers read only published reports: try the year before, 2024 in the sample data).
# Its html is the whole report as one page; npm run report -- --year <year> --out report.pdf prints it.
query DraftAnnualReport($year: Int!) {
  annualReport(year: $year) {
    year
    status
    computedAt
    memberCount
    membersJoined
    coChairs
    jpas {
      number
      title
      outcomes {
        operations
        arrests
        victimsIdentified
      }
    }
    meetings
    trainings
    recommendationsMade
    recommendationsImplemented
    recommendationsOpen
    termsOfReferenceAdopted
  }
}
`;

/** The tabs, the first one open: the co-chairs, then the current year's draft report. */
export function exampleTabs(today: Date): ExampleTab[] {
  return [
    { query: coChairs },
    { query: draftAnnualReport, variables: JSON.stringify({ year: today.getUTCFullYear() }, null, 2) },
  ];
}
