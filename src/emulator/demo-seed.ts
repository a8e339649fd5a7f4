import type { EmulatorSeed } from "./emulator-types.js";

/**
 * The built-in demo seed (the sample manifests in `manifests/` target it). Statuses not given are
 * derived by eligibility when the emulator starts: e.g. in the serial "Q4 Close" root everything
 * after the running "Collect trial balance" waits.
 */

const user = (id: string) => ({ id, type: "user" }) as const;

export const DEMO_SEED: EmulatorSeed = {
  processes: [
    {
      id: "proc-q4close",
      name: "Q4 Close",
      run: {
        id: "run-q4close",
        status: "running",
        parallel: false,
        children: [
          {
            id: "jr-kickoff",
            action: "sendTask",
            args: { title: "Kickoff", assignee: user("user123") },
            status: "complete",
          },
          {
            id: "jr-collect-tb",
            action: "sendTask",
            args: { title: "Collect trial balance", assignee: user("user123"), dueDate: "2024-12-01" },
            status: "running",
          },
          {
            id: "grp-approvals",
            group: "Approvals",
            parallel: true,
            children: [
              {
                id: "jr-cfo-signoff",
                action: "sendTask",
                args: { title: "CFO sign-off", assignee: user("cfo001"), dueDate: "2024-12-20" },
              },
            ],
          },
          {
            id: "jr-publish",
            action: "sendTask",
            args: { title: "Publish results", assignee: user("user123") },
          },
          {
            id: "jr-adhoc-1",
            action: "sendTask",
            args: { title: "Ad-hoc reconciliation", assignee: user("user999") },
          },
        ],
      },
    },
    {
      id: "proc-annual-2024",
      name: "Annual Report 2024",
      run: {
        id: "run-annual-2024",
        status: "running",
        parallel: true,
        children: [
          {
            id: "grp-drafting",
            group: "Drafting",
            parallel: false,
            children: [
              {
                id: "jr-draft-mdna",
                action: "contentRequest",
                args: {
                  title: "Draft MD&A",
                  assignee: user("user123"),
                  approver: user("manager456"),
                  document: "doc456",
                  section: "section-mdna",
                  instructions: "Update for FY2024.",
                },
              },
            ],
          },
          { id: "grp-review", group: "Review", parallel: true, children: [] },
          {
            id: "jr-sox-302",
            action: "certification",
            args: { title: "SOX 302 certification", document: "doc456" },
          },
        ],
      },
    },
    {
      id: "proc-vendor",
      name: "Vendor onboarding",
      run: { id: "run-vendor", status: "running", parallel: false, children: [] },
    },
    { id: "proc-template", name: "Onboarding template" },
    // The template sample (manifests/month-end-close.yaml): one process per period.
    ...["November", "December"].map((month, i) => ({
      id: `proc-close-${month.toLowerCase()}-2026`,
      name: `Month-end close: ${month} 2026`,
      dueDate: i === 0 ? "2026-12-10" : "2027-01-12",
      businessStartDate: i === 0 ? "2026-12-01" : "2027-01-04",
      businessDaysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
      run: {
        id: `run-close-${month.toLowerCase()}-2026`,
        status: "running",
        parallel: true,
        created: i === 0 ? "2026-12-01T08:00:00Z" : "2027-01-04T08:00:00Z",
        children: [],
      },
    })),
  ],
};
