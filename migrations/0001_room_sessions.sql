CREATE TABLE `room_sessions` (
	`session_id` text NOT NULL,
	`episode_id` text NOT NULL,
	`project_id` text NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`session_id`, `episode_id`)
);
--> statement-breakpoint
CREATE INDEX `room_sessions_member_idx` ON `room_sessions` (`project_id`,`user_id`);