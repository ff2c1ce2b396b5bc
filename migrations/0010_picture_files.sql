CREATE TABLE `picture_files` (
	`key` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`frame_id` text NOT NULL,
	`revision_id` text NOT NULL,
	`kind` text NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `picture_files_project_idx` ON `picture_files` (`project_id`,`bytes`);