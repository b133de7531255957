"""Admin views: contributions and their trail are read-only here (raw input is never edited)."""

from django.contrib import admin

from .models import Contribution, ImportBatch, NoteRevision, NotesLock, SurveyContact


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Contribution)
class ContributionAdmin(ReadOnly):
    list_display = ["received_at", "consultation", "area", "question", "source", "__str__"]
    list_filter = ["consultation", "source", "area", "question"]
    search_fields = ["raw_text"]


@admin.register(NoteRevision)
class NoteRevisionAdmin(ReadOnly):
    list_display = ["at", "contribution", "version", "actor_label", "via"]


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnly):
    list_display = ["created_at", "consultation", "file_name", "added", "skipped", "created_by_label"]


@admin.register(NotesLock)
class NotesLockAdmin(ReadOnly):
    list_display = ["event", "locked_at", "locked_by_label"]


@admin.register(SurveyContact)
class SurveyContactAdmin(admin.ModelAdmin):
    """Contacts may be deleted (a person's request, or when the consultation is over)."""

    list_display = ["email", "name", "consultation", "month"]
    list_filter = ["consultation"]
    search_fields = ["email", "name"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
