CREATE TABLE `job_attempts` (
	`job_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` text,
	`finished_at` text,
	`error` text,
	PRIMARY KEY(`job_id`, `attempt`)
);
--> statement-breakpoint
CREATE TABLE `job_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `job_logs_job_idx` ON `job_logs` (`job_id`,`id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`frame_id` text NOT NULL,
	`provider` text NOT NULL,
	`status` text NOT NULL,
	`attempt` integer DEFAULT 1 NOT NULL,
	`attempt_token` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`idempotency_key` text,
	`blocked_reason` text,
	`error` text,
	`input` text NOT NULL,
	`plugin_timings` text NOT NULL,
	`warnings` text NOT NULL,
	`artifact_key` text,
	`manifest_key` text,
	`parent_job_id` text,
	`dead_lettered` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `jobs_project_idx` ON `jobs` (`project_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_episode_idx` ON `jobs` (`episode_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_unique` ON `jobs` (`project_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `project_consents` (
	`project_id` text PRIMARY KEY NOT NULL,
	`paid_media` integer DEFAULT false NOT NULL,
	`granted_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `provider_breakers` (
	`provider` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`opened_at` integer,
	`next_probe_at` integer
);
--> statement-breakpoint
CREATE TABLE `provider_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`provider` text NOT NULL,
	`model` text NOT NULL,
	`try` integer NOT NULL,
	`outcome` text NOT NULL,
	`duration_ms` real NOT NULL,
	`http_status` integer,
	`request` text NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `provider_requests_job_idx` ON `provider_requests` (`job_id`,`id`);