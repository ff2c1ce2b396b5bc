CREATE TABLE `agent_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `agent_runs_project_idx` ON `agent_runs` (`project_id`,`status`);--> statement-breakpoint
CREATE INDEX `agent_runs_status_idx` ON `agent_runs` (`status`);--> statement-breakpoint
CREATE TABLE `room_stats` (
	`episode_id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`open_sockets` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `room_stats_project_idx` ON `room_stats` (`project_id`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `finished_at` text;--> statement-breakpoint
ALTER TABLE `jobs` ADD `latency_ms` integer;--> statement-breakpoint
CREATE INDEX `jobs_finished_idx` ON `jobs` (`finished_at`,`status`,`latency_ms`);--> statement-breakpoint
CREATE INDEX `jobs_latency_idx` ON `jobs` (`status`,`latency_ms`);--> statement-breakpoint
CREATE INDEX `jobs_project_status_idx` ON `jobs` (`project_id`,`status`,`latency_ms`);--> statement-breakpoint
CREATE INDEX `jobs_project_finished_idx` ON `jobs` (`project_id`,`finished_at`,`status`,`latency_ms`);