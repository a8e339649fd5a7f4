import { describe, expect, it } from "vitest";
import {
  argFieldType,
  argsKeyOf,
  displayFields,
  isJobAction,
  JOB_ACTIONS,
  JOB_ACTIONS_IN_WORDS,
  JOB_KINDS,
  JobIdentityMap,
  jobIdentity,
  kindArgs,
} from "./job-kinds.js";

describe("the table of job kinds", () => {
  it("lists the creatable kinds in table order, in words for messages", () => {
    expect(JOB_ACTIONS.slice(0, 3)).toEqual(["sendTask", "contentRequest", "certification"]);
    expect(JOB_ACTIONS).toEqual(Object.keys(JOB_KINDS));
    expect(JOB_ACTIONS_IN_WORDS).toBe(`${JOB_ACTIONS.slice(0, -1).join(", ")} or ${JOB_ACTIONS.at(-1)}`);
    expect(isJobAction("sendTask")).toBe(true);
    expect(isJobAction("certificationSignerGenerated")).toBe(false);
    expect(isJobAction("toString")).toBe(false);
  });

  it("names each kind's args field `<action>Args`, generated kinds by their short names (§7.6)", () => {
    for (const action of JOB_ACTIONS) expect(argsKeyOf(action)).toBe(`${action}Args`);
    expect(argsKeyOf("certificationApproverGenerated")).toBe("certApproverArgs");
    expect(argsKeyOf("certificationSignerGenerated")).toBe("certSignerArgs");
    expect(argsKeyOf("certificationPhaseFinalizerGenerated")).toBe("certPhaseFinalizerArgs");
    expect(argsKeyOf("certificationConditionalApproverGenerated")).toBe(
      "certificationConditionalApproverGeneratedArgs",
    );
    expect(argsKeyOf("somethingNew")).toBe("somethingNewArgs");
  });

  it("keeps every row's display and required fields among its own fields, title out of them", () => {
    for (const action of JOB_ACTIONS) {
      const { fields, display, required } = JOB_KINDS[action];
      const names = Object.keys(fields);
      expect(names).not.toContain("title");
      for (const [field] of display) expect(names).toContain(field);
      for (const field of required.flat()) expect(names).toContain(field);
    }
  });

  it("types each field, title as text, and nothing for fields or kinds it does not know", () => {
    expect(argFieldType("sendTask", "title")).toBe("text");
    expect(argFieldType("sendTask", "assignee")).toBe("principal");
    expect(argFieldType("contentRequest", "dueDate")).toBe("date");
    expect(argFieldType("contentRequest", "section")).toBe("id");
    expect(argFieldType("certification", "instructions")).toBe("text");
    expect(argFieldType("certification", "section")).toBeUndefined();
    expect(argFieldType("sendTask", "constructor")).toBeUndefined();
    expect(argFieldType("certificationSignerGenerated", "title")).toBeUndefined();
  });

  it("shows a kind's display fields; for an unknown action, every kind's without repeats", () => {
    expect(displayFields("contentRequest").map(([field]) => field)).toEqual([
      "assignee",
      "approver",
      "dueDate",
      "document",
    ]);
    expect(displayFields("unknownKind")).toEqual([
      ["assignee", "assignee"],
      ["assigneeUser", "assignee"],
      ["approver", "approver"],
      ["approverUser", "approver"],
      ["dueDate", "dueDate"],
      ["document", "document"],
    ]);
  });
});

describe("kindArgs, the one arguments accessor", () => {
  it("reads `arguments.<action>Args`", () => {
    const args = { title: "Review", assignee: { id: "u1", type: "user" } };
    expect(kindArgs({ action: "sendTask", arguments: { type: "sendTask", sendTaskArgs: args } })).toBe(args);
    const generated = { title: "Sign" };
    expect(
      kindArgs({
        action: "certificationSignerGenerated",
        arguments: { type: "certificationSignerGenerated", certSignerArgs: generated },
      }),
    ).toBe(generated);
  });

  it("is undefined when the args object is absent, or not an object, or under another kind's key", () => {
    expect(kindArgs({ action: "sendTask", arguments: { type: "sendTask" } })).toBeUndefined();
    expect(kindArgs({ action: "sendTask", arguments: { sendTaskArgs: null } })).toBeUndefined();
    expect(kindArgs({ action: "sendTask", arguments: { sendTaskArgs: ["title"] } })).toBeUndefined();
    expect(kindArgs({ action: "sendTask", arguments: { sendTaskArgs: "Review" } })).toBeUndefined();
    expect(
      kindArgs({ action: "contentRequest", arguments: { sendTaskArgs: { title: "t" } } }),
    ).toBeUndefined();
  });
});

describe("job identity", () => {
  it("is the kind and the title: equal for equal pairs, different when either differs", () => {
    expect(jobIdentity("sendTask", "Review")).toBe(jobIdentity("sendTask", "Review"));
    expect(jobIdentity("sendTask", "Review")).not.toBe(jobIdentity("contentRequest", "Review"));
    expect(jobIdentity("sendTask", "Review")).not.toBe(jobIdentity("sendTask", "review"));
    expect(jobIdentity("sendTask", "a b")).not.toBe(jobIdentity("sendTaska", " b"));
  });

  it("keys a JobIdentityMap the same way", () => {
    const map = new JobIdentityMap<number>();
    map.set("sendTask", "Review", 1);
    map.set("contentRequest", "Review", 2);
    map.set("sendTask", "Review", 3);
    expect(map.get("sendTask", "Review")).toBe(3);
    expect(map.get("contentRequest", "Review")).toBe(2);
    expect(map.get("certification", "Review")).toBeUndefined();
    expect(map.get("sendTask", "Other")).toBeUndefined();
  });
});

describe("normalTitle: identities survive a server that rewrites whitespace or the normal form", () => {
  it("trims, collapses whitespace and composes to NFC; plain titles are kept", async () => {
    const { jobIdentity, normalTitle, JobIdentityMap } = await import("./job-kinds.js");
    expect(normalTitle("Review Q4")).toBe("Review Q4");
    expect(normalTitle("  Review \t\n Q4  ")).toBe("Review Q4");
    expect(normalTitle("Re\u0301sume\u0301")).toBe("Résumé");
    expect(normalTitle("a\u00a0b")).toBe("a b");
    expect(jobIdentity("sendTask", " Review  Q4")).toBe(jobIdentity("sendTask", "Review Q4"));
    const map = new JobIdentityMap<number>();
    map.set("sendTask", "Review  Q4 ", 1);
    expect(map.get("sendTask", "Review Q4")).toBe(1);
    expect(map.get("certification", "Review Q4")).toBeUndefined();
  });
});
