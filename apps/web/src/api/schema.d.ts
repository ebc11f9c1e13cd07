/**
 * Hand-written stand-in for the file `npm run gen:api` generates from the server's OpenAPI
 * (openapi-typescript format). Regenerate once apps/server/src/openapi-dump.ts exists.
 */

type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Body<T> = { content: { "application/json": T } };
type Params<Q = never> = { query?: Q; header?: never; path?: never; cookie?: never };
type PathParams<P, Q = never> = { query?: Q; header?: never; path: P; cookie?: never };
type ErrorResponses = { 400: Json<components["schemas"]["Error"]>; 401: Json<components["schemas"]["Error"]>; 404: Json<components["schemas"]["Error"]> };
type Page = { limit?: number; cursor?: string };
type Id = { id: string };

export interface paths {
  "/api/auth/login": {
    post: {
      parameters: Params;
      requestBody: Body<{ username: string; password: string }>;
      responses: { 200: Json<{ user: components["schemas"]["User"] }> } & ErrorResponses;
    };
  };
  "/api/auth/logout": {
    post: { parameters: Params; responses: { 204: NoContent } };
  };
  "/api/auth/me": {
    get: {
      parameters: Params;
      responses: { 200: Json<{ user: components["schemas"]["User"]; corp: components["schemas"]["Corp"] }> } & ErrorResponses;
    };
  };
  "/api/org/departments": {
    get: { parameters: Params; responses: { 200: Json<{ items: components["schemas"]["Department"][] }> } & ErrorResponses };
  };
  "/api/org/employees": {
    get: {
      parameters: Params<Page & { departmentId?: number; q?: string; status?: number }>;
      responses: {
        200: Json<{ items: components["schemas"]["Employee"][]; nextCursor: string | null; total: number }>;
      } & ErrorResponses;
    };
  };
  "/api/org/sync": {
    post: { parameters: Params; responses: { 200: Json<{ departments: number; employees: number }> } & ErrorResponses };
  };
  "/api/tags": {
    get: { parameters: Params; responses: { 200: Json<{ groups: components["schemas"]["TagGroup"][] }> } & ErrorResponses };
  };
  "/api/live-codes": {
    get: {
      parameters: Params<Page & { q?: string; channelGroup?: string }>;
      responses: {
        200: Json<{ items: components["schemas"]["LiveCode"][]; nextCursor: string | null; total: number }>;
      } & ErrorResponses;
    };
    post: {
      parameters: Params;
      requestBody: Body<components["schemas"]["LiveCodeInput"]>;
      responses: { 201: Json<components["schemas"]["LiveCode"]> } & ErrorResponses;
    };
  };
  "/api/live-codes/channel-groups": {
    get: { parameters: Params; responses: { 200: Json<{ items: string[] }> } & ErrorResponses };
  };
  "/api/live-codes/{id}": {
    get: { parameters: PathParams<Id>; responses: { 200: Json<components["schemas"]["LiveCode"]> } & ErrorResponses };
    put: {
      parameters: PathParams<Id>;
      requestBody: Body<components["schemas"]["LiveCodeInput"]>;
      responses: { 200: Json<components["schemas"]["LiveCode"]> } & ErrorResponses;
    };
    delete: { parameters: PathParams<Id>; responses: { 204: NoContent } & ErrorResponses };
  };
  "/api/live-codes/{id}/stats": {
    get: { parameters: PathParams<Id>; responses: { 200: Json<components["schemas"]["LiveCodeStats"]> } & ErrorResponses };
  };
  "/api/customers": {
    get: {
      parameters: Params<Page & components["schemas"]["CustomerFilter"]>;
      responses: {
        200: Json<{ items: components["schemas"]["CustomerListItem"][]; nextCursor: string | null }>;
      } & ErrorResponses;
    };
  };
  "/api/customers/count": {
    get: {
      parameters: Params<components["schemas"]["CustomerFilter"]>;
      responses: { 200: Json<{ count: number }> } & ErrorResponses;
    };
  };
  "/api/customers/{id}": {
    get: { parameters: PathParams<Id>; responses: { 200: Json<components["schemas"]["Customer"]> } & ErrorResponses };
  };
  "/api/customers/{id}/timeline": {
    get: {
      parameters: PathParams<Id, Page>;
      responses: {
        200: Json<{ items: components["schemas"]["TimelineEvent"][]; nextCursor: string | null }>;
      } & ErrorResponses;
    };
  };
  "/api/sandbox/customers": {
    get: {
      parameters: Params<{ limit?: number; offset?: number }>;
      responses: {
        200: Json<{ items: { externalUserId: string; name: string; avatar: string }[]; total: number }>;
      } & ErrorResponses;
    };
  };
  "/api/sandbox/customers/{externalUserId}/inbox": {
    get: {
      parameters: PathParams<{ externalUserId: string }>;
      responses: { 200: Json<{ items: components["schemas"]["SandboxCustomerMessage"][] }> } & ErrorResponses;
    };
  };
  "/api/sandbox/customers/{externalUserId}/contacts": {
    get: {
      parameters: PathParams<{ externalUserId: string }>;
      responses: { 200: Json<{ items: { userid: string; name: string; position: string }[] }> } & ErrorResponses;
    };
  };
  "/api/sandbox/employees/{userid}/inbox": {
    get: {
      parameters: PathParams<{ userid: string }>;
      responses: { 200: Json<{ items: { at: string; msgtype: string; content: unknown }[] }> } & ErrorResponses;
    };
  };
  "/api/sandbox/live-codes/{id}/scan": {
    post: {
      parameters: PathParams<Id>;
      requestBody: Body<{ customerName?: string }>;
      responses: { 201: Json<{ externalUserId: string; userid: string; state: string }> } & ErrorResponses;
    };
  };
  "/api/sandbox/deliveries": {
    get: {
      parameters: Params<{ limit?: number }>;
      responses: { 200: Json<{ items: components["schemas"]["SandboxDelivery"][] }> } & ErrorResponses;
    };
  };
}

export interface components {
  schemas: {
    Error: { error: { code: string; message: string; details?: unknown } };
    User: { id: string; username: string; displayName: string; role: string };
    Corp: { id: string; name: string; wecomCorpId: string; sandbox: boolean };
    Department: { id: number; name: string; parentId: number; order: number; employeeCount: number };
    Employee: {
      id: string;
      wecomUserId: string;
      name: string;
      position: string;
      status: 1 | 2 | 4 | 5;
      departmentIds: number[];
      customerCount: number;
    };
    Tag: { id: string; name: string };
    TagGroup: { id: string; name: string; tags: components["schemas"]["Tag"][] };
    Attachment:
      | { type: "image"; imageUrl: string }
      | { type: "link"; title: string; url: string; desc?: string; picUrl?: string }
      | { type: "miniprogram"; title: string; appid: string; page: string; picUrl?: string };
    Welcome: { text: string; attachments: components["schemas"]["Attachment"][] };
    LiveCodeInput: {
      name: string;
      channelGroup: string;
      employees: { employeeId: string; dailyCap: number | null }[];
      backupEmployeeId: string | null;
      skipVerify: boolean;
      tagIds: string[];
      welcome: components["schemas"]["Welcome"] | null;
      remark?: string;
    };
    LiveCode: Omit<components["schemas"]["LiveCodeInput"], "employees"> & {
      id: string;
      state: string;
      configId: string;
      qrCodeUrl: string;
      createdAt: string;
      updatedAt: string;
      addsToday: number;
      addsTotal: number;
      employees: { employeeId: string; name: string; dailyCap: number | null }[];
      backupEmployee?: { employeeId: string; name: string } | null;
      tags: components["schemas"]["Tag"][];
    };
    LiveCodeStats: {
      addsToday: number;
      addsTotal: number;
      lostTotal: number;
      perEmployee: {
        employeeId: string;
        name: string;
        addsToday: number;
        addsTotal: number;
        lost: number;
        dailyCap: number | null;
        capped: boolean;
      }[];
      daily: { day: string; adds: number; lost: number }[];
    };
    CustomerFilter: {
      q?: string;
      liveCodeId?: string;
      channelGroup?: string;
      employeeId?: string;
      tagId?: string;
      addedFrom?: string;
      addedTo?: string;
    };
    Channel: { liveCodeId: string; name: string; channelGroup: string };
    CustomerListItem: {
      id: string;
      externalUserId: string;
      name: string;
      avatar: string;
      gender: number;
      channel: components["schemas"]["Channel"] | null;
      tags: components["schemas"]["Tag"][];
      followers: { employeeId: string; name: string }[];
      addedAt: string;
    };
    Customer: {
      id: string;
      externalUserId: string;
      name: string;
      avatar: string;
      gender: number;
      type: number;
      unionid: string | null;
      corpName: string | null;
      channel: components["schemas"]["Channel"] | null;
      tags: components["schemas"]["Tag"][];
      follows: {
        employeeId: string;
        employeeName: string;
        remark: string;
        description: string;
        addedAt: string;
        addWay: number;
        state: string;
        status: "active" | "deleted_by_customer" | "deleted_by_employee";
      }[];
      addedAt: string;
    };
    TimelineEvent: {
      id: string;
      kind: "added" | "tagged" | "welcome_sent" | "welcome_failed" | "deleted_by_customer" | "deleted_by_employee" | "edited";
      at: string;
      employeeName?: string;
      data: { [key: string]: unknown };
    };
    SandboxCustomerMessage: {
      from: { userid: string; name: string };
      at: string;
      text: string;
      attachments: components["schemas"]["Attachment"][];
    };
    SandboxDelivery: { id: string; changeType: string; status: string; attempts: number; at: string; lastError?: string };
  };
}
