/**
 * Test setup for the editor's component tests (happy-dom): unmount rendered trees after each test.
 */
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());
