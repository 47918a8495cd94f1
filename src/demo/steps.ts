/**
 * The demo steps, in order. A module adds its demo data by writing a `DemoStep` (see context.ts)
 * in its own folder and listing it here, after the steps whose accounts or content it uses.
 */
import type { DemoStep } from "./context.ts";
import { membersStep } from "./members.ts";
import { staffStep } from "./staff.ts";
import { ideasDemoStep } from "../modules/ideas/demo/step.ts";
import { royaltiesDemoStep } from "../modules/royalties/demo/step.ts";
import { communityDemoStep } from "../modules/conversations/community/demo/step.ts";
import { questionsDemoStep } from "../modules/conversations/qa/demo/step.ts";
import { eventsDemoStep } from "../modules/events/index.ts";
import { membersDemoStep } from "../modules/members/demo/step.ts";
import { ambassadorsDemoStep } from "../modules/ambassadors/demo/step.ts";
import { badgesDemoStep } from "../modules/members/badges/demo.ts";

export const DEMO_STEPS: readonly DemoStep[] = [staffStep, membersStep, ideasDemoStep, royaltiesDemoStep, questionsDemoStep, communityDemoStep, eventsDemoStep, membersDemoStep, ambassadorsDemoStep, badgesDemoStep];
